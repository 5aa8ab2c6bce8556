"""Reads checkov's JSON report and prints its verdicts, one a line, then its summary:

    PASSED CHECK_ID RESOURCE
    FAILED CHECK_ID RESOURCE
    summary resources=N parsing_errors=N

checkov writes one report for one framework, or a list of them.
"""
import json
import sys

with open(sys.argv[1]) as f:
    reports = json.load(f)
if isinstance(reports, dict):
    reports = [reports]

out = []
resources = 0
errors = 0
for report in reports:
    for key, verdict in (('passed_checks', 'PASSED'), ('failed_checks', 'FAILED')):
        for check in report['results'][key]:
            out.append('%s %s %s' % (verdict, check['check_id'], check['resource']))
    resources += report['summary']['resource_count']
    errors += report['summary']['parsing_errors']
print('\n'.join(sorted(out)))
print('summary resources=%d parsing_errors=%d' % (resources, errors))
