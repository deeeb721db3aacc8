"""Registered and copied images, sharing, EBS encryption defaults, rule edits and fleets as boto3 users script them.

Run by ImagesAndFleetsBoto3Test against a gateway at $ALTO_ENDPOINT (permissive auth, any credentials).
"""
import datetime
import os
import unittest

import boto3
from botocore.exceptions import ClientError

ENDPOINT = os.environ["ALTO_ENDPOINT"]
OTHER_ACCOUNT = "111111111111"


def client(region="us-east-1"):
    return boto3.client("ec2", region_name=region, endpoint_url=ENDPOINT,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError("expected an error")


class ImagesAndFleets(unittest.TestCase):
    def setUp(self):
        self.ec2 = client()

    def snapshot(self, size=8):
        volume = self.ec2.create_volume(AvailabilityZone="us-east-1a", Size=size)["VolumeId"]
        snapshot = self.ec2.create_snapshot(VolumeId=volume)["SnapshotId"]
        self.ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snapshot],
                                                       WaiterConfig={"Delay": 0.2, "MaxAttempts": 20})
        return snapshot

    def test_register_share_copy_and_deprecate_an_image(self):
        snapshot = self.snapshot()
        image = self.ec2.register_image(
            Name="boto3-image", RootDeviceName="/dev/xvda", Architecture="x86_64", EnaSupport=True,
            VirtualizationType="hvm", BootMode="uefi-preferred",
            BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot, "VolumeType": "gp3"}}],
        )["ImageId"]
        self.ec2.get_waiter("image_available").wait(ImageIds=[image], WaiterConfig={"Delay": 0.2, "MaxAttempts": 20})
        self.ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"UserId": OTHER_ACCOUNT}]})
        permissions = self.ec2.describe_image_attribute(ImageId=image, Attribute="launchPermission")
        self.assertEqual([{"UserId": OTHER_ACCOUNT}], permissions["LaunchPermissions"])
        shared = self.ec2.describe_images(ExecutableUsers=[OTHER_ACCOUNT])["Images"]
        self.assertEqual([image], [i["ImageId"] for i in shared])

        copy = self.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="boto3-copy")["ImageId"]
        self.ec2.get_waiter("image_available").wait(ImageIds=[copy], WaiterConfig={"Delay": 0.2, "MaxAttempts": 20})
        described = self.ec2.describe_images(ImageIds=[copy])["Images"][0]
        self.assertEqual("boto3-copy", described["Name"])
        self.assertEqual("uefi-preferred", described["BootMode"])

        when = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=7)
        self.assertTrue(self.ec2.enable_image_deprecation(ImageId=copy, DeprecateAt=when)["Return"])
        self.assertIn("DeprecationTime", self.ec2.describe_images(ImageIds=[copy])["Images"][0])
        instance = self.ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1,
                                          MaxCount=1)["Instances"][0]
        self.assertEqual(image, instance["ImageId"])
        self.assertEqual("InvalidAMIName.Duplicate",
                         error_code(self.ec2.copy_image, SourceImageId=image, SourceRegion="us-east-1",
                                    Name="boto3-copy"))

    def test_snapshot_sharing_and_encryption_defaults(self):
        snapshot = self.snapshot()
        self.ec2.modify_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission",
                                           OperationType="add", UserIds=[OTHER_ACCOUNT])
        attribute = self.ec2.describe_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission")
        self.assertEqual([{"UserId": OTHER_ACCOUNT}], attribute["CreateVolumePermissions"])
        self.ec2.reset_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission")
        attribute = self.ec2.describe_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission")
        self.assertEqual([], attribute["CreateVolumePermissions"])

        self.assertFalse(self.ec2.get_ebs_encryption_by_default()["EbsEncryptionByDefault"])
        self.assertTrue(self.ec2.enable_ebs_encryption_by_default()["EbsEncryptionByDefault"])
        key = self.ec2.modify_ebs_default_kms_key_id(KmsKeyId="alias/boto3")["KmsKeyId"]
        self.assertTrue(key.endswith(":alias/boto3"))
        self.assertEqual(key, self.ec2.get_ebs_default_kms_key_id()["KmsKeyId"])
        self.assertTrue(self.ec2.reset_ebs_default_kms_key_id()["KmsKeyId"].endswith(":alias/aws/ebs"))
        self.assertFalse(self.ec2.disable_ebs_encryption_by_default()["EbsEncryptionByDefault"])

    def test_security_group_rule_edits(self):
        vpc = self.ec2.create_vpc(CidrBlock="10.70.0.0/16")["Vpc"]["VpcId"]
        group = self.ec2.create_security_group(GroupName="boto3-web", Description="web", VpcId=vpc)["GroupId"]
        rule = self.ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
        )["SecurityGroupRules"][0]["SecurityGroupRuleId"]
        self.ec2.modify_security_group_rules(GroupId=group, SecurityGroupRules=[{
            "SecurityGroupRuleId": rule,
            "SecurityGroupRule": {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv4": "0.0.0.0/0"}}])
        self.ec2.update_security_group_rule_descriptions_ingress(GroupId=group, SecurityGroupRuleDescriptions=[
            {"SecurityGroupRuleId": rule, "Description": "https"}])
        described = self.ec2.describe_security_group_rules(SecurityGroupRuleIds=[rule])["SecurityGroupRules"][0]
        self.assertEqual((443, "https"), (described["FromPort"], described["Description"]))

    def test_spot_requests_and_fleets(self):
        image = self.ec2.describe_images(Owners=["amazon"], MaxResults=5, Filters=[
            {"Name": "architecture", "Values": ["x86_64"]}, {"Name": "state", "Values": ["available"]}],
        )["Images"][0]["ImageId"]
        requests = self.ec2.request_spot_instances(InstanceCount=1, LaunchSpecification={
            "ImageId": image, "InstanceType": "t3.micro"})["SpotInstanceRequests"]
        self.assertEqual(1, len(requests))
        self.ec2.get_waiter("spot_instance_request_fulfilled").wait(
            SpotInstanceRequestIds=[requests[0]["SpotInstanceRequestId"]], WaiterConfig={"Delay": 0.2, "MaxAttempts": 20})

        template = self.ec2.create_launch_template(LaunchTemplateName="boto3-fleet", LaunchTemplateData={
            "ImageId": image, "InstanceType": "t3.micro"})["LaunchTemplate"]["LaunchTemplateId"]
        fleet = self.ec2.create_fleet(Type="instant", LaunchTemplateConfigs=[{
            "LaunchTemplateSpecification": {"LaunchTemplateId": template, "Version": "$Latest"}}],
            TargetCapacitySpecification={"TotalTargetCapacity": 2, "DefaultTargetCapacityType": "on-demand"})
        self.assertEqual(2, sum(len(i["InstanceIds"]) for i in fleet["Instances"]))
        self.ec2.delete_fleets(FleetIds=[fleet["FleetId"]], TerminateInstances=True)

        sfr = self.ec2.request_spot_fleet(SpotFleetRequestConfig={
            "IamFleetRole": "arn:aws:iam::123456789012:role/fleet", "TargetCapacity": 2,
            "LaunchSpecifications": [{"ImageId": image, "InstanceType": "t3.micro"}]})["SpotFleetRequestId"]
        active = self.ec2.describe_spot_fleet_instances(SpotFleetRequestId=sfr)["ActiveInstances"]
        self.assertEqual(2, len(active))
        self.ec2.cancel_spot_fleet_requests(SpotFleetRequestIds=[sfr], TerminateInstances=True)
        state = self.ec2.describe_spot_fleet_requests(
            SpotFleetRequestIds=[sfr])["SpotFleetRequestConfigs"][0]["SpotFleetRequestState"]
        self.assertIn(state, ("cancelled_terminating", "cancelled"))


if __name__ == "__main__":
    unittest.main()
