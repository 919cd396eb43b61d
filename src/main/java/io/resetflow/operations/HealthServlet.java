package io.resetflow.operations;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The MicroProfile Health endpoints, {@code /health} (readiness and liveness), {@code /health/ready} and
 * {@code /health/live}: 200 when every check is up, 503 otherwise. On the public listener the body is the
 * status only, {@code {"status":"UP"}}, for load balancers; on the operators' listener ({@code ops.port}) it is
 * the MicroProfile Health document with every check's name, status and data.
 */
@WebServlet(urlPatterns = {"/health", "/health/ready", "/health/live"})
public class HealthServlet extends HttpServlet {

    @Inject
    @Readiness
    Instance<HealthCheck> readiness;

    @Inject
    @Liveness
    Instance<HealthCheck> liveness;

    @Inject
    @ConfigProperty(name = "ops.port")
    int operatorsPort;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<HealthCheckResponse> results = new ArrayList<>();
        String path = request.getServletPath();
        if (!"/health/live".equals(path)) {
            readiness.forEach(check -> results.add(call(check)));
        }
        if (!"/health/ready".equals(path)) {
            liveness.forEach(check -> results.add(call(check)));
        }
        boolean up = results.stream().allMatch(r -> r.getStatus() == HealthCheckResponse.Status.UP);
        JsonObjectBuilder body = Json.createObjectBuilder().add("status", up ? "UP" : "DOWN");
        if (request.getLocalPort() == operatorsPort) {
            body.add("checks", details(results));
        }
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body.build().toString());
    }

    private static JsonArrayBuilder details(List<HealthCheckResponse> results) {
        JsonArrayBuilder checks = Json.createArrayBuilder();
        for (HealthCheckResponse result : results) {
            JsonObjectBuilder check = Json.createObjectBuilder().add("name", result.getName()).add("status", result.getStatus().name());
            result.getData().ifPresent(data -> {
                JsonObjectBuilder values = Json.createObjectBuilder();
                data.forEach((key, value) -> {
                    if (value instanceof Number number) {
                        values.add(key, number.longValue());
                    } else {
                        values.add(key, String.valueOf(value));
                    }
                });
                check.add("data", values);
            });
            checks.add(check);
        }
        return checks;
    }

    private static HealthCheckResponse call(HealthCheck check) {
        try {
            return check.call();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(check.getClass().getSimpleName()).down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
