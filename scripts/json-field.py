#!/usr/bin/env python3
"""Prints one field of the JSON on stdin, by a dotted path (list items by index): groups.0.group_id"""
import json
import sys

value = json.load(sys.stdin)
for part in sys.argv[1].split("."):
    value = value[int(part)] if isinstance(value, list) else value[part]
print(value)
