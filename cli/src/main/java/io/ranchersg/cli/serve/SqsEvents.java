package io.ranchersg.cli.serve;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The events queue on SQS: long polls of up to {@value #WAIT_SECONDS} s (short enough that a stop
 * finishes the poll in flight well within its ten seconds), up to ten messages each.
 */
public final class SqsEvents implements Guard.Events, AutoCloseable {

    /** How long one receive waits for a message. */
    static final int WAIT_SECONDS = 5;

    private final SqsClient sqs;
    private final String queueUrl;

    private SqsEvents(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /**
     * Opens the queue and checks that it answers (one {@code GetQueueAttributes}).
     *
     * @param queueUrl    the queue's URL
     * @param region      the region to sign for
     * @param endpoint    the SQS endpoint, or {@code null} for AWS's
     * @param credentials the credentials; the caller keeps them
     * @return the queue, to be closed
     * @throws software.amazon.awssdk.core.exception.SdkException when it cannot be reached
     */
    public static SqsEvents open(String queueUrl, String region, URI endpoint, AwsCredentialsProvider credentials) {
        Objects.requireNonNull(queueUrl, "queueUrl");
        SqsClientBuilder builder = SqsClient.builder().region(Region.of(region)).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .socketTimeout(java.time.Duration.ofSeconds(WAIT_SECONDS + 10)));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        SqsClient sqs = builder.build();
        try {
            sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN));
        } catch (RuntimeException e) {
            sqs.close();
            throw e;
        }
        return new SqsEvents(sqs, queueUrl);
    }

    @Override
    public List<Message> receive() {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(WAIT_SECONDS))
                .messages().stream().map(m -> new Message(m.body(), m.receiptHandle())).toList();
    }

    @Override
    public void delete(String receipt) {
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(receipt));
    }

    @Override
    public void close() {
        sqs.close();
    }
}
