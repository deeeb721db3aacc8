"""A boto3 walk against an EC2 endpoint: prints one JSON object of what it saw, for the Java test to judge.

Usage: python3 boto3_walk.py ENDPOINT_URL
Credentials and region come from the environment (AWS_ACCESS_KEY_ID, ...).
Every call's outcome is recorded rather than asserted here, so a failure shows up as a precise test assertion.
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
ec2 = boto3.client("ec2", endpoint_url=endpoint)
seen = {}


def error_code(call):
    try:
        call()
        return None
    except ClientError as e:
        return e.response["Error"]["Code"]


zones = ec2.describe_availability_zones()["AvailabilityZones"]
seen["zones"] = [z["ZoneName"] for z in zones]

images = ec2.describe_images()["Images"]
seen["imageCount"] = len(images)
image = next(i for i in images if i.get("Architecture") == "x86_64" and i.get("State") == "available")
seen["imageId"] = image["ImageId"]

key = ec2.create_key_pair(KeyName="boto3-walk")
seen["keyMaterialStart"] = key["KeyMaterial"][:30]
seen["keyName"] = key["KeyName"]
seen["duplicateKey"] = error_code(lambda: ec2.create_key_pair(KeyName="boto3-walk"))

batches = {}
for batch in ("a", "b", "c"):
    reservation = ec2.run_instances(
        ImageId=image["ImageId"], InstanceType="t3.micro", MinCount=4, MaxCount=4, KeyName="boto3-walk",
        TagSpecifications=[{"ResourceType": "instance",
                            "Tags": [{"Key": "batch", "Value": batch}, {"Key": "walk", "Value": "boto3"}]}])
    batches[batch] = sorted(i["InstanceId"] for i in reservation["Instances"])
seen["batches"] = batches
seen["reservationOwner"] = reservation["OwnerId"]

filtered = ec2.describe_instances(Filters=[{"Name": "tag:batch", "Values": ["b"]}])
seen["tagFiltered"] = sorted(i["InstanceId"] for r in filtered["Reservations"] for i in r["Instances"])

both = ec2.describe_instances(Filters=[{"Name": "tag:batch", "Values": ["a", "c"]},
                                       {"Name": "instance-type", "Values": ["t3.micro"]}])
seen["twoBatches"] = sorted(i["InstanceId"] for r in both["Reservations"] for i in r["Instances"])

pages = 0
paged = []
for page in ec2.get_paginator("describe_instances").paginate(
        Filters=[{"Name": "tag:walk", "Values": ["boto3"]}], PaginationConfig={"PageSize": 5}):
    pages += 1
    paged.extend(i["InstanceId"] for r in page["Reservations"] for i in r["Instances"])
seen["pages"] = pages
seen["paged"] = paged

seen["missingInstance"] = error_code(lambda: ec2.describe_instances(InstanceIds=["i-0123456789abcdef0"]))
seen["malformedInstance"] = error_code(lambda: ec2.describe_instances(InstanceIds=["not-an-id"]))

every = [i for b in sorted(batches) for i in batches[b]]
terminated = ec2.terminate_instances(InstanceIds=every)["TerminatingInstances"]
seen["terminated"] = sorted(t["InstanceId"] for t in terminated)
seen["terminatedStates"] = sorted({t["CurrentState"]["Name"] for t in terminated})

ec2.delete_key_pair(KeyName="boto3-walk")
seen["keyAfterDelete"] = error_code(lambda: ec2.describe_key_pairs(KeyNames=["boto3-walk"]))

print(json.dumps(seen))
