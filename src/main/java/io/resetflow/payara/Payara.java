package io.resetflow.payara;

/** Whether this application runs on Payara (Server or Micro), told by a class of its HTTP engine being visible. */
public final class Payara {

    private static final String GRIZZLY_CODEC = "org.glassfish.grizzly.http.HttpServerFilter";

    private Payara() {
    }

    /** True on Payara; false on any other server, where nothing of this package may be used. */
    public static boolean isPresent() {
        try {
            Class.forName(GRIZZLY_CODEC, false, Payara.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError elsewhere) {
            return false;
        }
    }
}
