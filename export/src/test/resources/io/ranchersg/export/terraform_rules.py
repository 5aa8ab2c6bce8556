"""Reads a Terraform export with python-hcl2 and prints what it declares, one fact a line:

    group NAME description "TEXT"
    group NAME tag KEY=VALUE
    rule NAME DIRECTION PROTOCOL FROM-TO KIND:VALUE "DESCRIPTION"

References are followed as Terraform would: var.X is the variable's default, aws_security_group.X.id
the group X (kind group), data.aws_security_group.X.id the group the data source names (kind
group_name). It fails on a group resource that refers to a rule resource (a cycle in the making).
"""
import re
import sys

import hcl2


def unquote(value):
    if isinstance(value, str) and len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        text = value[1:-1]
        text = re.sub(r'\\(.)', lambda m: {'n': '\n'}.get(m.group(1), m.group(1)), text)
        return text.replace('$${', '${').replace('%%{', '%{')
    return value


def blocks(doc, kind):
    for entry in doc.get(kind, []):
        for type_name, by_name in entry.items():
            for name, body in by_name.items():
                yield unquote(type_name), unquote(name), body


def ref(value):
    match = re.fullmatch(r'\$\{(.*)\}', value) if isinstance(value, str) else None
    return match.group(1) if match else None


with open(sys.argv[1]) as f:
    doc = hcl2.load(f)

variables = {}
for entry in doc.get('variable', []):
    for name, body in entry.items():
        variables[unquote(name)] = unquote(body.get('default'))

data_groups = {}
for type_name, name, body in blocks(doc, 'data'):
    assert type_name == 'aws_security_group', type_name
    target = ref(body['name'])
    data_groups[name] = variables[target[len('var.'):]] if target else unquote(body['name'])

groups = {}
out = []
for type_name, name, body in blocks(doc, 'resource'):
    if type_name == 'aws_security_group':
        for key, value in body.items():
            text = ref(value) or ''
            if 'rule' in text:
                sys.exit('group %s refers to a rule: %s' % (name, text))
        assert 'ingress' not in body and 'egress' not in body, 'inline rules in ' + name
        groups[name] = unquote(body['name'])
        out.append('group %s description "%s"' % (groups[name], unquote(body['description'])))
        for key, value in body.get('tags', {}).items():
            out.append('group %s tag %s=%s' % (groups[name], unquote(key), unquote(value)))

for type_name, name, body in blocks(doc, 'resource'):
    if type_name == 'aws_security_group':
        continue
    direction = {'aws_vpc_security_group_ingress_rule': 'ingress',
                 'aws_vpc_security_group_egress_rule': 'egress'}[type_name]
    owner = ref(body['security_group_id'])
    group = groups[re.fullmatch(r'aws_security_group\.(\w+)\.id', owner).group(1)]
    protocol = unquote(body['ip_protocol'])
    ports = '%s-%s' % (body.get('from_port', 'null'), body.get('to_port', 'null'))
    peers = [k for k in ('cidr_ipv4', 'cidr_ipv6', 'referenced_security_group_id', 'prefix_list_id') if k in body]
    assert len(peers) == 1, 'rule %s has peers %s' % (name, peers)
    attribute = peers[0]
    value = body[attribute]
    target = ref(value)
    if target is None:
        peer = unquote(value)
        kind = {'cidr_ipv4': 'cidr', 'cidr_ipv6': 'cidr', 'prefix_list_id': 'prefix_list',
                'referenced_security_group_id': 'group_id'}[attribute]
    elif target.startswith('var.'):
        peer = variables[target[len('var.'):]]
        kind = {'cidr_ipv4': 'cidr', 'cidr_ipv6': 'cidr', 'prefix_list_id': 'prefix_list',
                'referenced_security_group_id': 'group_id'}[attribute]
    elif target.startswith('data.aws_security_group.'):
        peer = data_groups[re.fullmatch(r'data\.aws_security_group\.(\w+)\.id', target).group(1)]
        kind = 'group_name'
    else:
        peer = groups[re.fullmatch(r'aws_security_group\.(\w+)\.id', target).group(1)]
        kind = 'group'
    if attribute.startswith('cidr_') and (':' in peer) != (attribute == 'cidr_ipv6'):
        sys.exit('rule %s gives %s as %s' % (name, peer, attribute))
    out.append('rule %s %s %s %s %s:%s "%s"' % (group, direction, protocol, ports, kind, peer,
                                                unquote(body.get('description', '""'))))

imports = doc.get('import', [])
for entry in imports:
    out.append('import %s %s' % (ref(entry['to']), unquote(entry['id'])))

print('\n'.join(sorted(out)))
