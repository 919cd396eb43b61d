package io.resetflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.audit.AuditLogs;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What a worker does with one claimed row, with the outbox table and the mail server faked. */
class OutboxSenderTest {

    private final FakeStore store = new FakeStore();
    private final List<OutgoingMail> sent = new ArrayList<>();
    private final OutboxSender sender = sender();

    @Test
    void aNoticeIsSentAsWrittenAndMarkedSent() {
        process(notice(0), connection(0));

        assertThat(sent).extracting(OutgoingMail::subject).containsExactly("Your password was changed");
        assertThat(store.finished).containsExactly("1:" + Outcome.SENT);
    }

    @Test
    void aFailedSendIsRetriedWithBackOffAndGivenUpAtTheLastAttempt() {
        process(notice(0), connection(1));
        process(notice(MAX_ATTEMPTS - 1), connection(1)); // the fifth attempt: 3 s doubled four times

        assertThat(store.failures).containsExactly("1:delay=3:last=false", "1:delay=48:last=true");
        assertThat(store.finished).isEmpty();
    }

    @Test
    void aRequestSupersededWhileItsMailWasPreparedIsDroppedNotSent() {
        sender.renderer.preparers.put("password_reset", preparer(MailPreparer.Preparation.send(mail())));
        store.superseded = true;

        process(request(), connection(0));

        assertThat(sent).isEmpty();
        assertThat(store.finished).containsExactly("2:" + Outcome.SUPERSEDED);
    }

    @Test
    void aRequestSupersededBeforeItsPreparationIsDroppedWithoutAskingItsFeature() {
        sender.renderer.preparers.put("password_reset", preparer(job -> {
            throw new AssertionError("a superseded request must not get a link");
        }));
        store.supersededAtPreparation = true;

        process(request(), connection(0));

        assertThat(sent).isEmpty();
        assertThat(store.finished).containsExactly("2:" + Outcome.SUPERSEDED);
    }

    @Test
    void aRequestItsPreparerDropsEndsWithTheReasonAndNoMail() {
        sender.renderer.preparers.put("password_reset", preparer(MailPreparer.Preparation.drop(Outcome.UNKNOWN_ADDRESS)));

        process(request(), connection(0));

        assertThat(sent).isEmpty();
        assertThat(store.finished).containsExactly("2:" + Outcome.UNKNOWN_ADDRESS);
    }

    @Test
    void aPreparerFailureCountsAsAFailedAttempt() {
        sender.renderer.preparers.put("password_reset", preparer(job -> {
            throw new IllegalStateException("database away");
        }));

        process(request(), connection(0));

        assertThat(sent).isEmpty();
        assertThat(store.failures).containsExactly("2:delay=3:last=false");
    }

    @Test
    void aSentMailIsMarkedSentOnceTheDatabaseIsBackNeverSentAgain() {
        store.finishFailures = 2;

        process(notice(0), connection(0));

        assertThat(sent).hasSize(1);
        assertThat(store.finished).containsExactly("1:" + Outcome.SENT);
        assertThat(store.failures).isEmpty();
    }

    @Test
    void anEventGoesToTheSenderOfItsKindNeverToTheMailServer() {
        List<String> delivered = new ArrayList<>();
        sender.eventSenders = Map.of("webhook", eventSender(event -> delivered.add(event.eventId().get() + " " + event.body())));

        process(event(0), connection(0));

        assertThat(delivered).containsExactly("msg_1 {}");
        assertThat(sent).isEmpty();
        assertThat(store.finished).containsExactly("3:" + Outcome.SENT);
    }

    @Test
    void anEventTheReceiverRefusesIsRetriedWithBackOffUnderTheSameRow() {
        sender.eventSenders = Map.of("webhook", eventSender(event -> {
            throw new java.io.IOException("the receiver answered HTTP 503");
        }));

        process(event(0), connection(0));
        process(event(MAX_ATTEMPTS - 1), connection(0));

        assertThat(store.failures).containsExactly("3:delay=3:last=false", "3:delay=48:last=true");
        assertThat(store.finished).isEmpty();
    }

    @Test
    void anEventOfAKindNobodyDeliversWaitsForARetry() {
        sender.eventSenders = Map.of();

        process(event(0), connection(0));

        assertThat(store.failures).containsExactly("3:delay=3:last=false");
    }

    private static final int MAX_ATTEMPTS = 5;

    private static OutboxJob event(int attempts) {
        return new OutboxJob(3, "webhook", Optional.empty(), Optional.empty(), Optional.empty(), null, "{}", attempts,
                Optional.of("msg_1"));
    }

    interface Delivery {
        void to(OutboxJob event) throws Exception;
    }

    private static EventSender eventSender(Delivery delivery) {
        return new EventSender() {
            @Override
            public String kind() {
                return "webhook";
            }

            @Override
            public void send(OutboxJob event) throws Exception {
                delivery.to(event);
            }
        };
    }

    private OutboxSender sender() {
        OutboxSender sender = new OutboxSender();
        sender.store = store;
        sender.audit = AuditLogs.unobserved();
        sender.renderer = new OutboxRenderer();
        sender.renderer.store = store;
        sender.renderer.audit = sender.audit;
        sender.renderer.self = sender.renderer;
        sender.renderer.preparers = new HashMap<>();
        sender.eventSenders = Map.of();
        sender.retries = new OutboxRetries();
        sender.retries.store = store;
        sender.retries.audit = sender.audit;
        sender.retries.leaseSeconds = 0; // no waiting between tries at marking a mail sent
        sender.retries.initialDelaySeconds = 3;
        sender.retries.maxDelaySeconds = 60;
        sender.retries.maxAttempts = MAX_ATTEMPTS;
        return sender;
    }

    private void process(OutboxJob job, MailDelivery.Connection smtp) {
        sender.process(job, smtp, () -> true);
    }

    /** A connection whose first {@code failures} sends fail. */
    private MailDelivery.Connection connection(int failures) {
        int[] left = {failures};
        return new MailDelivery().new Connection() {
            @Override
            void send(OutgoingMail mail) throws MessagingException {
                if (left[0]-- > 0) {
                    throw new MessagingException("connection refused");
                }
                sent.add(mail);
            }
        };
    }

    private static OutboxJob notice(int attempts) {
        return new OutboxJob(1, MailRequest.NOTICE, Optional.empty(), Optional.of("person@example.org"), Optional.empty(),
                "Your password was changed", "Body", attempts, Optional.empty());
    }

    private static OutboxJob request() {
        return new OutboxJob(2, "password_reset", Optional.of("person@example.org"), Optional.empty(), Optional.of(Locale.ENGLISH),
                null, null, 0, Optional.empty());
    }

    private static OutgoingMail mail() {
        return new OutgoingMail("person@example.org", "Set a new password", "a link");
    }

    private static MailPreparer preparer(MailPreparer.Preparation preparation) {
        return preparer(job -> preparation);
    }

    /** A preparer of reset requests that does this. */
    private static MailPreparer preparer(Function<OutboxJob, MailPreparer.Preparation> preparing) {
        return new MailPreparer() {
            @Override
            public String kind() {
                return "password_reset";
            }

            @Override
            public Preparation prepare(OutboxJob job) {
                return preparing.apply(job);
            }
        };
    }

    /** The outbox table's state changes, recorded. */
    private static final class FakeStore extends OutboxStore {
        final List<String> finished = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        boolean superseded;
        boolean supersededAtPreparation;
        int finishFailures;

        @Override
        public void finish(long id, String outcome) {
            if (finishFailures-- > 0) {
                throw new IllegalStateException("database away");
            }
            finished.add(id + ":" + outcome);
        }

        @Override
        public boolean attemptFailed(long id, String error, long delaySeconds, boolean last) {
            failures.add(id + ":delay=" + delaySeconds + ":last=" + last);
            return last;
        }

        @Override
        public boolean isSuperseded(OutboxJob job, Lock lock) {
            return lock == Lock.NONE ? superseded : supersededAtPreparation;
        }

        @Override
        public List<OutboxJob> claim(String node, int max, int leaseSeconds, Collection<Long> inFlight) {
            return List.of();
        }
    }
}
