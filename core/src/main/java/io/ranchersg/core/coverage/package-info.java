/**
 * Coverage: whether a security group someone else manages lets Rancher work, and what it opens
 * beyond that. Unlike the exact comparison of {@link io.ranchersg.core.reconcile}, a requirement of
 * a profile is met by any rules that together allow its protocol, ports and peer: broad rules,
 * ranges split across rules, CIDR blocks that hold the VPC. Pure: the rules, the VPC's blocks and
 * the prefix lists' entries come in, values come out.
 */
package io.ranchersg.core.coverage;
