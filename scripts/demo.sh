#!/usr/bin/env bash
# The main job on an embedded default, no AWS account needed: starts LocalStack on this host,
# then ensure, check, a drift made by hand, check finding it, and ensure repairing it.
#
# It depends on nothing the environment happens to hold: the region, keys and endpoint are set
# here, and AWS configuration files and profiles are ignored, so that it behaves the same for
# every new user. LocalStack is stopped when the demo ends, however it ends.
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
python="$(scripts/localstack.sh venv)/bin/python"

# Only this LocalStack, with keys it accepts (they never leave this machine); nothing from the
# user's own AWS set-up may point the demo elsewhere.
while read -r name; do unset "$name"; done < <(env | sed -n 's/^\(AWS_[A-Z0-9_]*\)=.*/\1/p')
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_ENDPOINT_URL="$endpoint"
sg() { echo; echo "\$ rancher-sg $*"; bin/rancher-sg "$@"; }

sg rules
sg ensure
sg check && echo "(exit 0: in sync)"

group_id=$(bin/rancher-sg check --output json | "$python" "$here/json-field.py" groups.0.group_id)
echo
echo "== drift by hand: revoking TCP 6443 from 0.0.0.0/0 on $group_id"
"$python" - "$endpoint" "$group_id" <<'PY'
import sys, boto3
ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="demo", aws_secret_access_key="demo")
ec2.revoke_security_group_ingress(GroupId=sys.argv[2], IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 6443, "ToPort": 6443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
PY

set +e
sg check; code=$?
set -e
[[ $code -eq 2 ]] || { echo "expected exit 2 (drift found), got $code" >&2; exit 1; }
echo "(exit 2: drift found)"
sg ensure
sg check && echo "(exit 0: repaired)"
