package io.ranchersg.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy on loopback between the SDK and the emulator that answers chosen EC2 requests
 * with faults: EC2 error codes, server errors, connection resets and delays. Everything else is
 * forwarded unchanged.
 *
 * <p>Faults are picked per request by EC2 action: scripted ones first ({@link #failNext}), then
 * random ones ({@link #failRandomly}) from a seeded generator, so that a failing run can be
 * repeated.
 *
 * <p>It can also play IAM ({@link #denyAllExcept}): actions outside a policy are refused with
 * {@code 403 UnauthorizedOperation} before any scripted or random fault is considered.
 */
public final class FaultProxy implements AutoCloseable {

    /** What to answer instead of forwarding. */
    public sealed interface Fault permits Fault.Error, Fault.Reset, Fault.Delay, Fault.Hang {

        /** An EC2 error response: the status and code EC2 would send. */
        record Error(int status, String code) implements Fault {
        }

        /** The connection is closed without an answer. */
        record Reset() implements Fault {
        }

        /** The request is forwarded after a pause (past the client's timeout, to test it). */
        record Delay(Duration pause) implements Fault {
        }

        /** The request is held, never forwarded, and its connection dropped after the pause. */
        record Hang(Duration pause) implements Fault {
        }

        static Fault hang(Duration pause) {
            return new Hang(pause);
        }

        static Fault ec2Error(int status, String code) {
            return new Error(status, code);
        }

        static Fault reset() {
            return new Reset();
        }

        static Fault delay(Duration pause) {
            return new Delay(pause);
        }
    }

    /** Every action. */
    public static final String ANY = "*";

    /**
     * The JDK's HTTP server writes an answer's headers and its body in two writes. Without
     * TCP_NODELAY, the body then waits for the client to acknowledge the headers, which Linux delays
     * by up to 40 ms: a call held for 300 ms, to play a far region, often took 340 ms. The server reads
     * this property once per JVM, when its first instance is made, so it is set here, before this class
     * makes one; a value given on the command line wins.
     */
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "expect",
            "transfer-encoding", "upgrade", "keep-alive", "proxy-connection", "te", "trailer");

    /** What {@link #denyAllExcept} answers: EC2's reply to an action IAM does not grant. */
    private static final Fault DENIED = new Fault.Error(403, "UnauthorizedOperation");
    /** A scripted "no fault": the request is forwarded as it is. */
    private static final Fault PASS = new Fault.Delay(Duration.ZERO);

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final URI upstream;
    private final Map<String, List<Fault>> scripted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> faulted = new ConcurrentHashMap<>();
    private volatile RandomFaults random;
    private volatile Predicate<String> allowed;
    private final List<Conditional> conditional = new CopyOnWriteArrayList<>();

    /**
     * A request as {@link #failWhere} sees it.
     *
     * @param action the action ({@code DescribeSecurityGroups}, {@code AssumeRole})
     * @param form   the whole form body, URL-encoded as sent
     * @param region the region the request was signed for, from its credential scope, or {@code ""}
     */
    public record Request(String action, String form, String region) {

        /** Whether the form carries this parameter with this value (compared decoded). */
        public boolean has(String name, String value) {
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)
                        && URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).equals(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Conditional(Predicate<Request> which, Fault fault) {
    }

    private FaultProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        this.executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a proxy in front of {@code upstream} on a free loopback port. */
    public static FaultProxy start(URI upstream) {
        try {
            return new FaultProxy(upstream);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fault proxy: " + e.getMessage(), e);
        }
    }

    /** Where the SDK should send requests. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers the next {@code times} requests for {@code action} (or {@link #ANY}) with {@code fault}. */
    public synchronized FaultProxy failNext(String action, int times, Fault fault) {
        List<Fault> queue = scripted.computeIfAbsent(action, a -> new ArrayList<>());
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
        return this;
    }

    /**
     * Forwards the next {@code passes} requests for {@code action} untouched, then answers one with
     * {@code fault}: to stop a run between two calls of the same kind.
     */
    public synchronized FaultProxy failAfter(String action, int passes, Fault fault) {
        List<Fault> queue = scripted.computeIfAbsent(action, a -> new ArrayList<>());
        for (int i = 0; i < passes; i++) {
            queue.add(PASS);
        }
        queue.add(fault);
        return this;
    }

    /**
     * Answers each request with one of {@code faults} with probability {@code probability}, drawn
     * from a generator seeded with {@code seed}; {@code null} faults stop it.
     */
    public FaultProxy failRandomly(double probability, long seed, List<Fault> faults) {
        random = faults == null ? null : new RandomFaults(probability, new Random(seed), List.copyOf(faults));
        return this;
    }

    /**
     * Answers every request whose action {@code allowed} refuses with {@code 403 UnauthorizedOperation},
     * as EC2 does for an action the caller's IAM policy does not grant; {@code null} allows everything
     * again. Denied requests count as {@linkplain #requests seen} and as {@linkplain #faults faults}.
     */
    public FaultProxy denyAllExcept(Predicate<String> allowed) {
        this.allowed = allowed;
        return this;
    }

    /**
     * Answers every request {@code which} accepts with {@code fault}, for as long as the proxy runs:
     * one region that fails, one role that cannot be assumed. Checked before scripted and random faults.
     */
    public FaultProxy failWhere(Predicate<Request> which, Fault fault) {
        conditional.add(new Conditional(which, fault));
        return this;
    }

    /** The actions of every request seen so far, denied or faulted ones included, sorted by name. */
    public Set<String> actionsSeen() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(seen.keySet()));
    }

    /** Requests seen for an action, faulted or not. */
    public int requests(String action) {
        AtomicInteger count = seen.get(action);
        return count == null ? 0 : count.get();
    }

    /**
     * Waits until at least {@code count} requests for {@code action} have arrived.
     *
     * @return whether they did within the timeout
     */
    public boolean awaitRequests(String action, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests(action) < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(Duration.ofMillis(20));
        }
        return true;
    }

    /** Requests answered with a fault, over all actions. */
    public int faults() {
        return faulted.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String form = new String(body, StandardCharsets.UTF_8);
            String action = actionOf(form);
            seen.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
            Predicate<String> policy = allowed;
            Request request = new Request(action, form,
                    regionOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Fault fault = policy != null && !policy.test(action) ? DENIED
                    : conditional.stream().filter(c -> c.which().test(request)).map(Conditional::fault).findFirst()
                            .orElseGet(() -> pick(action));
            if (fault != null) {
                faulted.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
            }
            if (fault instanceof Fault.Hang hang) {
                sleep(hang.pause());
                return;
            }
            if (fault instanceof Fault.Reset) {
                return; // closing without a response: the client sees the connection drop
            }
            if (fault instanceof Fault.Error error) {
                respond(exchange, error.status(), errorXml(error.code(), request.has("Version", STS_VERSION))
                                .getBytes(StandardCharsets.UTF_8),
                        "text/xml;charset=UTF-8");
                return;
            }
            if (fault instanceof Fault.Delay delay) {
                sleep(delay.pause());
            }
            forward(exchange, body);
        }
    }

    private synchronized Fault pick(String action) {
        for (String key : List.of(action, ANY)) {
            List<Fault> queue = scripted.get(key);
            if (queue != null && !queue.isEmpty()) {
                Fault next = queue.remove(0);
                return next == PASS ? null : next;
            }
        }
        RandomFaults r = random;
        if (r != null && r.generator.nextDouble() < r.probability) {
            return r.faults.get(r.generator.nextInt(r.faults.size()));
        }
        return null;
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        respond(exchange, response.statusCode(), response.body(), null);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, String contentType)
            throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** EC2's query protocol names the action in the form body. */
    static String actionOf(String form) {
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
            }
        }
        return "unknown";
    }

    /** The region of a SigV4 credential scope ({@code Credential=KEY/DATE/REGION/SERVICE/aws4_request}). */
    static String regionOf(String authorization) {
        if (authorization == null) {
            return "";
        }
        Matcher scope = Pattern.compile("Credential=[^/,]+/\\d{8}/([^/,]+)/")
                .matcher(authorization);
        return scope.find() ? scope.group(1) : "";
    }

    /** STS's API version: its requests get STS's error format, everything else EC2's. */
    private static final String STS_VERSION = "2011-06-15";

    private static String errorXml(String code, boolean sts) {
        if (sts) {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse><Error><Type>Sender</Type><Code>" + code
                    + "</Code><Message>injected by the test fault proxy</Message></Error>"
                    + "<RequestId>fault-proxy</RequestId></ErrorResponse>";
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code
                + "</Code><Message>injected by the test fault proxy</Message></Error></Errors>"
                + "<RequestID>fault-proxy</RequestID></Response>";
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record RandomFaults(double probability, Random generator, List<Fault> faults) {
    }
}
