#!/usr/bin/env python3
"""Validates OCDS 1.1 release packages as ../shared/data/ocds-1.1.5/README.md says: each
extension's release-schema.json applied to the standard release schema as a JSON Merge Patch
(RFC 7386), the package checked against release-package-schema.json (its releases against the
patched release schema) with JSON Schema draft 4, and the open codelists the packages use
(sustainability goals and strategies, bid statistics) checked against their CSVs.

    validate-ocds.py OCDS-FOLDER PACKAGE.json...

Prints one line per error and exits 1 when there is any; prints "valid" per package otherwise.
"""
import csv
import json
import os
import sys

import jsonschema

EXTENSIONS = {
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json":
        "bid-extension",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_sustainability_extension/master/extension.json":
        "sustainability-extension",
}
RELEASE_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


def merge_patch(target, patch):
    """RFC 7386."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def codes(path):
    with open(path, encoding="utf-8") as handle:
        return {row["Code"] for row in csv.DictReader(handle)}


def validator(schema, release_schema):
    """A draft 4 validator that resolves the release schema's URL to the patched schema."""
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    try:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT4
        registry = Registry().with_resource(RELEASE_URL, Resource(contents=release_schema, specification=DRAFT4))
        return jsonschema.Draft4Validator(schema, registry=registry, format_checker=checker)
    except ImportError:  # jsonschema before 4.18
        resolver = jsonschema.RefResolver.from_schema(schema, store={RELEASE_URL: release_schema})
        return jsonschema.Draft4Validator(schema, resolver=resolver, format_checker=checker)


def main():
    folder, packages = sys.argv[1], sys.argv[2:]
    errors = []
    for path in packages:
        package = load(path)
        declared = package.get("extensions", [])
        release_schema = load(os.path.join(folder, "standard", "release-schema.json"))
        for url in declared:
            if url not in EXTENSIONS:
                errors.append(f"{path}: extensions: {url} is not an extension this validator knows")
                continue
            release_schema = merge_patch(release_schema, load(os.path.join(folder, EXTENSIONS[url], "release-schema.json")))
        used = set()
        for release in package.get("releases", []):
            if "bids" in release or any("relatedBid" in award for award in release.get("awards", [])):
                used.add("bid-extension")
            if {"hasSustainability", "sustainability"} & set(release.get("tender", {})):
                used.add("sustainability-extension")
        missing = sorted(used - {EXTENSIONS.get(url) for url in declared})
        if missing:
            errors.append(f"{path}: extensions: {missing} used but not declared")
        package_schema = load(os.path.join(folder, "standard", "release-package-schema.json"))
        found = [f"{path}: package: /{'/'.join(map(str, e.absolute_path))}: {e.message}"
                 for e in validator(package_schema, release_schema).iter_errors(package)]
        for index, release in enumerate(package.get("releases", [])):
            found += [f"{path}: releases/{index}/{'/'.join(map(str, e.absolute_path))}: {e.message}"
                      for e in validator(release_schema, release_schema).iter_errors(release)]
            goals = codes(os.path.join(folder, "sustainability-extension", "codelists", "sustainabilityGoal.csv"))
            strategies = codes(os.path.join(folder, "sustainability-extension", "codelists", "sustainabilityStrategy.csv"))
            measures = codes(os.path.join(folder, "bid-extension", "codelists", "bidStatistics.csv"))
            for entry in release.get("tender", {}).get("sustainability", []):
                if entry.get("goal") not in goals:
                    found.append(f"{path}: releases/{index}: goal {entry.get('goal')!r} is not in sustainabilityGoal.csv")
                for strategy in entry.get("strategies", []):
                    if strategy not in strategies:
                        found.append(f"{path}: releases/{index}: strategy {strategy!r} is not in sustainabilityStrategy.csv")
            for statistic in release.get("bids", {}).get("statistics", []):
                if statistic.get("measure") not in measures:
                    found.append(f"{path}: releases/{index}: measure {statistic.get('measure')!r} is not in bidStatistics.csv")
        errors += found
        if not found:
            print(f"{path}: valid")
    for error in errors:
        print(error)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
