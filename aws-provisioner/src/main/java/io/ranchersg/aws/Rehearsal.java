package io.ranchersg.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * A scan's first calls, played once inside the process before the real ones leave: an STS
 * AssumeRole and a {@code DescribeSecurityGroups} through clients built as the scan builds them
 * (same interceptors, retries, timeouts and signer), each answered at once by a recorded answer, and
 * the check of the group that answer lists. Nothing is sent to STS or EC2: the clients' HTTP client
 * is the recording, and the credentials are made up. (Building a client may still read the
 * environment and the AWS config files, as the scan's own clients do.)
 *
 * <p>Why: without it, the first real answers meet code that has never run. Every thread of the
 * scan's pool then loads and initialises the same classes at once (the clients, the signer, the XML
 * unmarshallers, the checks), waiting on each other's class initialisation in a JVM that still
 * interprets everything, just when the next calls should leave; on 2 cores that held the second
 * round of a fleet scan's calls back by about 0.1 s (docs/benchmarks.md). Rehearsed on a thread of
 * its own while the command line is read and the first roles are assumed, that work is done on a
 * core that would otherwise wait for the network.
 */
public final class Rehearsal {

    /** The account, role and region of the recorded answers: documentation examples, never reached. */
    static final String ACCOUNT = "123456789012";
    static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/rancher-sg-rehearsal";
    static final String REGION = "us-east-1";

    private Rehearsal() {
    }

    /**
     * Starts the rehearsal on a daemon thread of its own and returns at once.
     *
     * @param assumeRole whether the scan will assume roles (an accounts file, {@code --role-arn}), so
     *                   that STS's client and AssumeRole are worth rehearsing too
     * @return the thread, for a test to wait for
     */
    public static Thread start(boolean assumeRole) {
        Thread thread = new Thread(() -> {
            try {
                run(assumeRole);
            } catch (RuntimeException e) {
                // Only a head start is lost: the real calls meet the same code and report what fails.
                // An Error (a class that cannot be initialised: a broken installation) is left to the
                // thread's default handler, whose trace names the cause the scan's own later error
                // ("could not initialize class") would not.
            }
        }, "rehearsal");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * The rehearsal itself, on the caller's thread.
     *
     * @return the checks of the recorded answer's groups, as a scan of its region would give them
     */
    static List<GroupCheck> run(boolean assumeRole) {
        ClientSettings settings = new ClientSettings(REGION, null, null, ClientSettings.DEFAULT_MAX_ATTEMPTS)
                .withRole(AssumedRole.of(ROLE));
        AwsCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAREHEARSALEXAMPLE", "rehearsal"));
        AssumedRoles assumed = null;
        try {
            if (assumeRole) {
                assumed = AssumedRoles.of(settings, REGION, credentials, false, new Recorded("assume-role.xml"));
                assumed.resolveCredentials();
                credentials = assumed;
            }
            try (Ec2Session session = Ec2Session.open(settings, credentials, ACCOUNT,
                    new Recorded("describe-security-groups.xml"))) {
                return new Reconciler(session).checkScanned(false, false);
            }
        } finally {
            if (assumed != null) {
                assumed.close();
            }
        }
    }

    /**
     * An HTTP client that reads each request as a connection would and answers it with one recorded
     * answer (a resource of this package's {@code rehearsal} folder).
     */
    private record Recorded(String answer) implements SdkHttpClient.Builder<Recorded> {

        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            byte[] body = read(answer);
            return new SdkHttpClient() {
                @Override
                public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                    return new ExecutableHttpRequest() {
                        @Override
                        public HttpExecuteResponse call() throws IOException {
                            if (request.contentStreamProvider().isPresent()) {
                                try (InputStream sent = request.contentStreamProvider().get().newStream()) {
                                    sent.transferTo(OutputStream.nullOutputStream());
                                }
                            }
                            return HttpExecuteResponse.builder()
                                    .response(SdkHttpResponse.builder().statusCode(200)
                                            .putHeader("Content-Type", "text/xml;charset=UTF-8")
                                            .putHeader("Content-Length", Integer.toString(body.length)).build())
                                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                                    .build();
                        }

                        @Override
                        public void abort() {
                        }
                    };
                }

                @Override
                public void close() {
                }
            };
        }

        private static byte[] read(String name) {
            try (InputStream in = Rehearsal.class.getResourceAsStream("rehearsal/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the recorded answer rehearsal/" + name + " is missing");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the recorded answer rehearsal/" + name, e);
            }
        }
    }
}
