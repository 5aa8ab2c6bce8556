# The events rancher-sg serve re-checks groups on, as Terraform: the same rule, queue and queue
# policy as cloudformation.yaml beside it. One per region: EventBridge rules are regional.
#
#   terraform init && terraform apply
#   rancher-sg serve --events-queue "$(terraform output -raw queue_url)" ...

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

resource "aws_sqs_queue" "events" {
  name = "rancher-sg-events"
  # An event is worth a re-check within seconds, not tomorrow: the next pass covers what expires.
  message_retention_seconds = 3600
  # Longer than a re-check takes, so that a message being handled is not handed out twice.
  visibility_timeout_seconds = 60
  sqs_managed_sse_enabled    = true
}

resource "aws_cloudwatch_event_rule" "security_group_calls" {
  name        = "rancher-sg-security-group-calls"
  description = "EC2 security-group calls, for rancher-sg serve to re-check the group."
  event_pattern = jsonencode({
    source        = ["aws.ec2"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail = {
      eventSource = ["ec2.amazonaws.com"]
      eventName = [
        "AuthorizeSecurityGroupIngress",
        "AuthorizeSecurityGroupEgress",
        "RevokeSecurityGroupIngress",
        "RevokeSecurityGroupEgress",
        "ModifySecurityGroupRules",
        "UpdateSecurityGroupRuleDescriptionsIngress",
        "UpdateSecurityGroupRuleDescriptionsEgress",
        "CreateSecurityGroup",
        "DeleteSecurityGroup",
        "CreateTags",
        "DeleteTags",
      ]
    }
  })
}

resource "aws_cloudwatch_event_target" "queue" {
  rule      = aws_cloudwatch_event_rule.security_group_calls.name
  target_id = "rancher-sg-events"
  arn       = aws_sqs_queue.events.arn
}

resource "aws_sqs_queue_policy" "from_the_rule_only" {
  queue_url = aws_sqs_queue.events.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "FromTheRuleOnly"
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.events.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.security_group_calls.arn } }
    }]
  })
}

output "queue_url" {
  description = "The value of serve --events-queue."
  value       = aws_sqs_queue.events.id
}

output "queue_arn" {
  description = "The queue, for the IAM policy of serve (examples/iam/serve-policy.json)."
  value       = aws_sqs_queue.events.arn
}
