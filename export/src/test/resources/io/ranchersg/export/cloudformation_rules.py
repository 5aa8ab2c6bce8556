"""Reads a CloudFormation export with PyYAML and prints what it declares, in the lines
terraform_rules.py prints. !Ref of a parameter is its default; a security group id parameter
without one stands for the group its description names (kind group_name); !GetAtt X.GroupId is
the template's group X (kind group). It fails on a group that refers to a group of the template
inline (a circular dependency in the making).
"""
import re
import sys

import yaml


class Tagged:
    def __init__(self, tag, value):
        self.tag, self.value = tag, value


def construct(loader, suffix, node):
    return Tagged(suffix, loader.construct_scalar(node))


yaml.SafeLoader.add_multi_constructor('!', construct)

with open(sys.argv[1]) as f:
    doc = yaml.safe_load(f)

parameters = doc.get('Parameters', {})
resources = doc['Resources']
groups = {name: body['Properties']['GroupName'] for name, body in resources.items()
          if body['Type'] == 'AWS::EC2::SecurityGroup'}


def peer_of(rule, keys):
    found = [k for k in keys if k in rule]
    assert len(found) == 1, 'rule %s has peers %s' % (rule, found)
    key = found[0]
    value = rule[key]
    if isinstance(value, Tagged) and value.tag == 'GetAtt':
        return 'group:' + groups[value.value.split('.')[0]]
    if isinstance(value, Tagged) and value.tag == 'Ref':
        parameter = parameters[value.value]
        if 'Default' not in parameter:
            return 'group_name:' + re.match(r'The id of security group (\S+) in the VPC', parameter['Description']).group(1)
        value = parameter['Default']
    if key.startswith('Cidr') and (':' in value) != (key == 'CidrIpv6'):
        sys.exit('rule %s gives %s as %s' % (rule, value, key))
    kind = {'CidrIp': 'cidr', 'CidrIpv6': 'cidr', 'SourcePrefixListId': 'prefix_list',
            'DestinationPrefixListId': 'prefix_list', 'SourceSecurityGroupId': 'group_id',
            'DestinationSecurityGroupId': 'group_id'}[key]
    return kind + ':' + value


def line(group, direction, rule, inline):
    keys = ['CidrIp', 'CidrIpv6'] + (['SourcePrefixListId', 'SourceSecurityGroupId'] if direction == 'ingress'
                                     else ['DestinationPrefixListId', 'DestinationSecurityGroupId'])
    peer = peer_of(rule, keys)
    if inline and peer.startswith('group:'):
        sys.exit('group %s refers to a group of the template inline: %s' % (group, rule))
    return 'rule %s %s %s %s-%s %s "%s"' % (group, direction, rule['IpProtocol'], rule.get('FromPort', 'null'),
                                            rule.get('ToPort', 'null'), peer, rule.get('Description', ''))


out = []
for name, body in resources.items():
    props = body['Properties']
    if body['Type'] == 'AWS::EC2::SecurityGroup':
        group = props['GroupName']
        out.append('group %s description "%s"' % (group, props['GroupDescription']))
        for tag in props.get('Tags', []):
            out.append('group %s tag %s=%s' % (group, tag['Key'], tag['Value']))
        for rule in props.get('SecurityGroupIngress', []):
            out.append(line(group, 'ingress', rule, True))
        for rule in props.get('SecurityGroupEgress', []):
            out.append(line(group, 'egress', rule, True))
    else:
        direction = {'AWS::EC2::SecurityGroupIngress': 'ingress', 'AWS::EC2::SecurityGroupEgress': 'egress'}[body['Type']]
        group = groups[props['GroupId'].value.split('.')[0]]
        out.append(line(group, direction, props, False))

print('\n'.join(sorted(out)))
