package io.ranchersg.aws;

import io.ranchersg.core.reconcile.Refusal;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place where SDK exceptions become rancher-sg's typed, one-line exceptions. Codes that
 * the reconciler handles as normal outcomes (duplicates, not-found after create) never get here.
 */
final class AwsErrors {

    private AwsErrors() {
    }

    /**
     * The rancher-sg exception for an SDK failure of {@code operation} (an EC2 action name such as
     * {@code AuthorizeSecurityGroupIngress}).
     */
    static RancherSgException translate(SdkException e, String operation, String endpointHint) {
        Optional<Throwable> ours = causeOfType(e, RancherSgException.class);
        if (ours.isPresent()) {
            // Ours already, from inside the SDK: the credentials of an assumed role could not be had,
            // so the call itself was never sent.
            return (RancherSgException) ours.get();
        }
        if (e instanceof AwsServiceException service) {
            return fromService(service, operation, endpointHint);
        }
        if (e instanceof ApiCallTimeoutException) {
            return new EndpointUnreachableException("EC2 " + endpointHint + " did not answer " + operation
                    + " in time", e);
        }
        Optional<Throwable> network = networkCause(e);
        if (network.isPresent()) {
            return new EndpointUnreachableException("EC2 " + endpointHint + " does not answer ("
                    + describe(network.get()) + ")", e);
        }
        Optional<Throwable> tls = causeOfType(e, SSLException.class);
        if (tls.isPresent()) {
            return new EndpointUnreachableException("EC2 " + endpointHint + " could not be reached over TLS ("
                    + firstLine(tls.get().getMessage()) + "); check the endpoint URL's scheme and port", e);
        }
        if (e instanceof SdkClientException && mentionsCredentials(e)) {
            return new AwsSetupException("no AWS credentials found: set AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or sign in with 'aws sso login'", e);
        }
        if (e instanceof SdkClientException && mentionsProfile(e)) {
            return new AwsSetupException("the AWS profile has no usable credentials or does not exist: "
                    + firstLine(e.getMessage()).replaceAll(": ProfileFile\\(.*$", ""), e);
        }
        return new Ec2CallException("EC2 " + operation + " failed: " + firstLine(e.getMessage()), e);
    }

    private static RancherSgException fromService(AwsServiceException e, String operation, String endpointHint) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (code == null || code.isBlank()) {
            // No EC2 error in the answer: something between here and EC2 (a proxy's 502 page) answered instead.
            String where = endpointHint == null || endpointHint.isBlank() ? "" : " " + endpointHint;
            return new Ec2CallException("EC2" + where + " answered " + operation + " with HTTP " + e.statusCode()
                    + " and no EC2 error (a proxy or gateway in between?)", e);
        }
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        Optional<Ec2ErrorCode> named = Ec2ErrorCode.of(e);
        if (named.isPresent()) {
            switch (named.get()) {
                case UNAUTHORIZED:
                    return new AccessDeniedException("access denied to ec2:" + operation
                            + ": grant it to the caller's IAM policy (see the example policies)", e);
                case AUTH_FAILURE:
                case INVALID_CLIENT_TOKEN:
                    return new AwsSetupException("AWS refused the credentials (" + code + "): "
                            + firstLine(message), e);
                case VPC_NOT_FOUND:
                    return new RefusedException(Refusal.of(Refusal.Code.VPC_NOT_FOUND, "", firstLine(message)), e);
                default:
                    break;
            }
        }
        if (e.statusCode() == 403) {
            return new AccessDeniedException("access denied to ec2:" + operation + " (" + code + ")", e);
        }
        return new Ec2CallException("EC2 " + operation + " failed: " + code + ": " + firstLine(message), e);
    }

    private static Optional<Throwable> networkCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException
                    || (t instanceof IOException && t.getMessage() != null
                            && t.getMessage().contains("Connection refused"))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static Optional<Throwable> causeOfType(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static boolean mentionsProfile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("Profile file contained no credentials")
                    || message.contains("No AWS profile named"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsCredentials(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Unable to load credentials")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        String simple = t.getClass().getSimpleName();
        return t.getMessage() == null ? simple : simple + ": " + firstLine(t.getMessage());
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
