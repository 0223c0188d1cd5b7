# Validates a JSON document (argv[2]) against a JSON schema (argv[1]) with the
# draft the schema declares; prints one line per error and exits 1 when invalid.
import json,sys
from jsonschema import validators
s=json.load(open(sys.argv[1])); d=json.load(open(sys.argv[2]))
V=validators.validator_for(s); es=sorted(V(s).iter_errors(d), key=lambda e: list(e.absolute_path))
[print("/".join(map(str,e.absolute_path)) or "<root>", e.message) for e in es]; sys.exit(1 if es else 0)
