"""Dedicated Hosts, capacity reservations, account settings and snapshot restores as a boto3 user scripts them.

Run by HostsAndSettingsBoto3Test against a gateway at $ALTO_ENDPOINT (permissive auth, any credentials).
"""
import os
import time
import unittest

import boto3
from botocore.exceptions import ClientError

ENDPOINT = os.environ["ALTO_ENDPOINT"]


def client(region="us-east-1"):
    return boto3.client("ec2", region_name=region, endpoint_url=ENDPOINT,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError("expected an error")


class HostsAndSettings(unittest.TestCase):
    def setUp(self):
        self.ec2 = client()

    def test_dedicated_hosts(self):
        ids = self.ec2.allocate_hosts(InstanceType="c5.large", AvailabilityZone="us-east-1b", Quantity=2,
                                      TagSpecifications=[{"ResourceType": "dedicated-host",
                                                          "Tags": [{"Key": "env", "Value": "ci"}]}])["HostIds"]
        self.assertEqual(2, len(ids))
        paginator = self.ec2.get_paginator("describe_hosts")
        hosts = [h for page in paginator.paginate(Filters=[{"Name": "tag:env", "Values": ["ci"]}],
                                                  PaginationConfig={"PageSize": 5})
                 for h in page["Hosts"]]
        self.assertEqual(sorted(ids), sorted(h["HostId"] for h in hosts))
        self.assertEqual("available", hosts[0]["State"])
        capacity = hosts[0]["AvailableCapacity"]["AvailableInstanceCapacity"][0]
        self.assertEqual("c5.large", capacity["InstanceType"])
        self.assertEqual(capacity["TotalCapacity"], capacity["AvailableCapacity"])
        released = self.ec2.release_hosts(HostIds=ids)
        self.assertEqual(sorted(ids), sorted(released["Successful"]))
        self.assertEqual([], released["Unsuccessful"])
        self.assertEqual("InvalidHostID.NotFound",
                         error_code(self.ec2.describe_hosts, HostIds=["h-0123456789abcdef0"]))

    def test_capacity_reservation(self):
        made = self.ec2.create_capacity_reservation(InstanceType="t3.small", InstancePlatform="Linux/UNIX",
                                                    AvailabilityZone="us-east-1a", InstanceCount=2,
                                                    InstanceMatchCriteria="targeted")["CapacityReservation"]
        cr = made["CapacityReservationId"]
        self.assertEqual("active", made["State"])
        self.assertEqual(2, made["AvailableInstanceCount"])
        self.assertTrue(self.ec2.modify_capacity_reservation(CapacityReservationId=cr, InstanceCount=4)["Return"])
        found = self.ec2.describe_capacity_reservations(CapacityReservationIds=[cr])["CapacityReservations"][0]
        self.assertEqual(4, found["TotalInstanceCount"])
        self.assertTrue(self.ec2.cancel_capacity_reservation(CapacityReservationId=cr)["Return"])
        states = [c["State"] for c in self.ec2.describe_capacity_reservations(
            Filters=[{"Name": "state", "Values": ["cancelled"]}])["CapacityReservations"]]
        self.assertIn("cancelled", states)

    def test_account_settings(self):
        self.assertFalse(self.ec2.get_serial_console_access_status()["SerialConsoleAccessEnabled"])
        self.assertTrue(self.ec2.enable_serial_console_access()["SerialConsoleAccessEnabled"])
        self.assertTrue(self.ec2.get_serial_console_access_status()["SerialConsoleAccessEnabled"])
        self.ec2.disable_serial_console_access()
        self.ec2.modify_instance_metadata_defaults(HttpTokens="required", HttpPutResponseHopLimit=2)
        level = self.ec2.get_instance_metadata_defaults()["AccountLevel"]
        self.assertEqual("required", level["HttpTokens"])
        self.assertEqual(2, level["HttpPutResponseHopLimit"])
        self.ec2.modify_instance_metadata_defaults(HttpTokens="no-preference", HttpPutResponseHopLimit=-1)
        self.ec2.modify_default_credit_specification(InstanceFamily="t3", CpuCredits="standard")
        spec = self.ec2.get_default_credit_specification(InstanceFamily="t3")["InstanceFamilyCreditSpecification"]
        self.assertEqual("standard", spec["CpuCredits"])
        self.ec2.modify_default_credit_specification(InstanceFamily="t3", CpuCredits="unlimited")
        self.assertTrue(self.ec2.describe_aggregate_id_format()["UseLongIdsAggregated"])

    def test_snapshots_of_an_instance_and_fast_restores(self):
        image = self.ec2.describe_images(Owners=["amazon"], Filters=[
            {"Name": "architecture", "Values": ["x86_64"]}])["Images"][0]["ImageId"]
        instance = self.ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                          Placement={"AvailabilityZone": "us-east-1a"})["Instances"][0]
        self.ec2.get_waiter("instance_running").wait(InstanceIds=[instance["InstanceId"]],
                                                     WaiterConfig={"Delay": 1})
        snapshots = self.ec2.create_snapshots(InstanceSpecification={"InstanceId": instance["InstanceId"]},
                                              Description="before upgrade")["Snapshots"]
        self.assertEqual(1, len(snapshots))
        snapshot = snapshots[0]["SnapshotId"]
        self.ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snapshot], WaiterConfig={"Delay": 1})
        enabled = self.ec2.enable_fast_snapshot_restores(AvailabilityZones=["us-east-1a"],
                                                         SourceSnapshotIds=[snapshot])
        self.assertEqual("enabling", enabled["Successful"][0]["State"])
        state = None
        for _ in range(100):
            state = self.ec2.describe_fast_snapshot_restores(Filters=[
                {"Name": "snapshot-id", "Values": [snapshot]}])["FastSnapshotRestores"][0]["State"]
            if state == "enabled":
                break
            time.sleep(0.05)
        self.assertEqual("enabled", state)
        disabled = self.ec2.disable_fast_snapshot_restores(AvailabilityZones=["us-east-1a"],
                                                           SourceSnapshotIds=[snapshot])
        self.assertEqual("disabling", disabled["Successful"][0]["State"])
        screenshot = self.ec2.get_console_screenshot(InstanceId=instance["InstanceId"])["ImageData"]
        self.assertTrue(screenshot)


if __name__ == "__main__":
    unittest.main()
