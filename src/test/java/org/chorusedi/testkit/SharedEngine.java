package org.chorusedi.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a subclass of {@link EngineRouteTestSupport}: its test methods share one started engine (one root, one
 * database, one Camel context with the engine's routes and the class's own), opened before the first method and
 * closed after the last, instead of one per method. Opening an engine (the database's migrations, the directory's
 * import, the routes' start) costs more than most route tests; sharing it is what keeps {@code mvn test} fast.
 * <p>
 * Between methods the kit waits for the engine to be idle, resets the mock endpoints and empties the flows: the
 * flow folders ({@code in/}, {@code out/}, {@code ack/}, {@code archive/}, {@code rejected/}, {@code failed/},
 * {@code work/}) and the ledger's flows, invoices and statuses; the directory and the partners stay as imported
 * before the first method. A class whose methods change what stays (import a directory or partner file, deactivate
 * a partner), need a fresh engine (a restart, {@code properties()} changed per method, routes advised per method
 * with {@code AdviceWith}) or make the database fail keeps an engine per method.
 * <p>
 * The system property {@code chorus.testkit.shared-engine=false} ({@code mvn test -Dchorus.testkit.shared-engine=false},
 * which surefire passes on to the tests' JVM, or the IDE's JVM options) gives every method an engine of its own
 * again, to tell whether a failure comes from the sharing.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SharedEngine {

    /** The system property that, set to {@code false}, turns the sharing off. */
    String PROPERTY = "chorus.testkit.shared-engine";
}
