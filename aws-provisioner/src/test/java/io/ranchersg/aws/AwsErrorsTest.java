package io.ranchersg.aws;

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
    void unknownVpcIsNamed() {
        assertThat(AwsErrors.translate(ec2(400, "InvalidVpcID.NotFound"), "CreateSecurityGroup", ""))
                .isInstanceOf(VpcNotFoundException.class);
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
