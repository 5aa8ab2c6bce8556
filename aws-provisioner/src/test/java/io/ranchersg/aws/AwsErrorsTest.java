package io.ranchersg.aws;

import io.ranchersg.core.reconcile.Refusal;
import static io.ranchersg.aws.Refused.refused;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

class AwsErrorsTest {

    private static Ec2Exception ec2(int status, String code) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("text of " + code).build())
                .build();
    }

    @Test
    void unauthorizedNamesTheIamAction() {
        RancherSgException e = AwsErrors.translate(ec2(403, "UnauthorizedOperation"), "RevokeSecurityGroupEgress", "");

        assertThat(e).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("ec2:RevokeSecurityGroupEgress");
    }

    @Test
    void refusedCredentialsAreASetupProblem() {
        assertThat(AwsErrors.translate(ec2(401, "AuthFailure"), "DescribeVpcs", ""))
                .isInstanceOf(AwsSetupException.class);
        assertThat(AwsErrors.translate(ec2(401, "InvalidClientTokenId"), "DescribeVpcs", ""))
                .isInstanceOf(AwsSetupException.class);
    }

    @Test
    void missingCredentialsSayWhereTheyAreLookedFor() {
        SdkClientException missing = SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain");

        assertThat(AwsErrors.translate(missing, "DescribeVpcs", ""))
                .isInstanceOf(AwsSetupException.class)
                .hasMessageContaining("AWS_ACCESS_KEY_ID");
    }

    @Test
    void anAnswerWithoutEc2ErrorNamesStatusAndEndpointNotNull() {
        Ec2Exception page = (Ec2Exception) Ec2Exception.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().build()).build();

        assertThat(AwsErrors.translate(page, "DescribeVpcs", "at https://proxy.example:8443"))
                .as("a proxy's 403 page is not an IAM refusal").isInstanceOf(Ec2CallException.class)
                .hasMessage("EC2 at https://proxy.example:8443 answered DescribeVpcs with HTTP 403 and no EC2 error"
                        + " (a proxy or gateway in between?)");
    }

    @Test
    void unknownVpcIsNamed() {
        assertThat(AwsErrors.translate(ec2(400, "InvalidVpcID.NotFound"), "CreateSecurityGroup", ""))
                .is(refused(Refusal.Code.VPC_NOT_FOUND));
    }

    @Test
    void refusedConnectionMeansTheEndpointDoesNotAnswer() {
        SdkClientException e = SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused"));

        assertThat(AwsErrors.translate(e, "DescribeVpcs", "in us-east-1"))
                .isInstanceOf(EndpointUnreachableException.class)
                .hasMessageContaining("does not answer");
    }

    @Test
    void otherCodesKeepTheirCodeInOneLine() {
        RancherSgException e = AwsErrors.translate(ec2(400, "InvalidParameterValue"), "CreateSecurityGroup", "");

        assertThat(e).isInstanceOf(Ec2CallException.class).hasMessageContaining("InvalidParameterValue")
                .hasMessageNotContaining("\n");
    }
}
