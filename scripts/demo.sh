#!/usr/bin/env bash
# The main job on an embedded default, no AWS account needed: starts LocalStack on this host,
# then ensure, check, a drift made by hand, check finding it, and ensure repairing it.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(dirname "$here")
cd "$project"

if [[ ! -f cli/target/rancher-sg.jar ]]; then
  echo "== building rancher-sg (once)"
  ./mvnw -q -B -ntp package -DskipTests
fi

state="$project/target/localstack-demo"
trap 'scripts/localstack.sh stop --state-dir "$state" >/dev/null 2>&1 || true' EXIT
endpoint=$(scripts/localstack.sh start --state-dir "$state" | sed -n 's/^endpoint=//p')

# LocalStack accepts any credentials; these never leave this machine.
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN
export AWS_ENDPOINT_URL="$endpoint"
sg() { echo; echo "\$ rancher-sg $*"; bin/rancher-sg "$@"; }

sg rules
sg ensure
sg check && echo "(exit 0: in sync)"

group_id=$(bin/rancher-sg check --output json | "$here/json-field.py" groups.0.group_id)
echo
echo "== drift by hand: revoking TCP 6443 from 0.0.0.0/0 on $group_id"
"${RANCHER_SG_LOCALSTACK_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/rancher-sg}/localstack-4.13.1/bin/python" - "$endpoint" "$group_id" <<'PY'
import sys, boto3
ec2 = boto3.client("ec2", endpoint_url=sys.argv[1])
ec2.revoke_security_group_ingress(GroupId=sys.argv[2], IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 6443, "ToPort": 6443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
PY

set +e
sg check; echo "(exit $?: drift found)"
set -e
sg ensure
sg check && echo "(exit 0: repaired)"
