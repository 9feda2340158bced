"""runpod.serverless.utils.rp_validator.validate, with the SDK's contract and messages:
returns {"validated_input": {...}} or {"errors": [...]}."""

import json


def validate(raw_input, schema):
    errors = []
    validated = dict(raw_input)

    for key in raw_input:
        if key not in schema:
            errors.append(f"Unexpected input. {key} is not a valid input option.")

    for key, rules in list(schema.items()):
        if not isinstance(rules, dict):
            try:
                schema[key] = json.loads(rules)
            except json.decoder.JSONDecodeError:
                errors.append(f"Schema error, {key} is not a dictionary.")

    for key, rules in schema.items():
        if "type" not in rules:
            errors.append(f"Schema error, missing type for {key}.")
        if "required" not in rules:
            errors.append(f"{key} is a required input.")
        elif rules["required"] and key not in raw_input:
            errors.append(f"{key} is a required input.")
        elif not rules["required"] and key not in raw_input:
            if "default" in rules:
                validated[key] = rules["default"]
            else:
                errors.append(f"Schema error, missing default value for {key}.")

    for key, rules in schema.items():
        if key in validated:
            expected = rules.get("type")
            value = validated[key]
            if expected is float and type(value) in (int, float):
                value = validated[key] = float(value)
            matches_default = "default" in rules and isinstance(value, type(rules["default"]))
            if expected is not None and not matches_default and not isinstance(value, expected):
                errors.append(f"{key} should be {expected} type, not {type(value)}.")
        if "constraints" in rules and not rules["constraints"](validated.get(key)):
            errors.append(f"{key} does not meet the constraints.")

    return {"errors": errors} if errors else {"validated_input": validated}
