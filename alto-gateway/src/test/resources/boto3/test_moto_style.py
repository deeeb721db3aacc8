"""A boto3 suite written the way moto users write theirs: one module-level client, moto's well-known image ids,
and the state reset through moto's /moto-api/reset before each test. It runs unchanged against moto_server or
against `alto serve --auth permissive`; ALTO_ENDPOINT names the server."""
import os
import unittest
import urllib.request

import boto3
from botocore.exceptions import ClientError

ENDPOINT = os.environ.get("ALTO_ENDPOINT", "http://127.0.0.1:5000")
EXAMPLE_AMI_ID = "ami-12c6146b"
EXAMPLE_AMI_ID2 = "ami-03cf127a"

ec2 = boto3.client("ec2", region_name="us-east-1", endpoint_url=ENDPOINT,
                   aws_access_key_id="testing", aws_secret_access_key="testing")
sts = boto3.client("sts", region_name="us-east-1", endpoint_url=ENDPOINT,
                   aws_access_key_id="testing", aws_secret_access_key="testing")


def reset():
    urllib.request.urlopen(urllib.request.Request(ENDPOINT + "/moto-api/reset", data=b"", method="POST")).read()


class MotoStyleTest(unittest.TestCase):
    def setUp(self):
        reset()

    def test_moto_images_are_there(self):
        images = ec2.describe_images(ImageIds=[EXAMPLE_AMI_ID, EXAMPLE_AMI_ID2])["Images"]
        self.assertEqual(sorted(i["ImageId"] for i in images), sorted([EXAMPLE_AMI_ID, EXAMPLE_AMI_ID2]))
        by_id = {i["ImageId"]: i for i in images}
        self.assertEqual(by_id[EXAMPLE_AMI_ID]["Name"], "Windows_Server-2008-R2_SP1-English-64Bit-Base-2017.10.13")
        self.assertEqual(by_id[EXAMPLE_AMI_ID]["OwnerId"], "801119661308")

    def test_run_describe_terminate(self):
        reservation = ec2.run_instances(ImageId=EXAMPLE_AMI_ID, MinCount=2, MaxCount=2, InstanceType="t2.micro")
        ids = [i["InstanceId"] for i in reservation["Instances"]]
        self.assertEqual(len(ids), 2)
        described = ec2.describe_instances(InstanceIds=ids)["Reservations"][0]["Instances"]
        self.assertEqual({i["ImageId"] for i in described}, {EXAMPLE_AMI_ID})
        ec2.terminate_instances(InstanceIds=ids)
        waiter = ec2.get_waiter("instance_terminated")
        waiter.wait(InstanceIds=ids, WaiterConfig={"Delay": 1, "MaxAttempts": 30})

    def test_reset_forgets_everything(self):
        ec2.create_key_pair(KeyName="mykey")
        self.assertEqual([k["KeyName"] for k in ec2.describe_key_pairs()["KeyPairs"]], ["mykey"])
        reset()
        self.assertEqual(ec2.describe_key_pairs()["KeyPairs"], [])

    def test_vpc_subnet_and_security_group(self):
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]
        subnet = ec2.create_subnet(VpcId=vpc["VpcId"], CidrBlock="10.0.0.0/18")["Subnet"]
        group = ec2.create_security_group(GroupName="web", Description="web", VpcId=vpc["VpcId"])
        ec2.authorize_security_group_ingress(GroupId=group["GroupId"], IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        instance = ec2.run_instances(ImageId=EXAMPLE_AMI_ID, MinCount=1, MaxCount=1, SubnetId=subnet["SubnetId"],
                                     SecurityGroupIds=[group["GroupId"]])["Instances"][0]
        self.assertEqual(instance["SubnetId"], subnet["SubnetId"])
        self.assertEqual(instance["VpcId"], vpc["VpcId"])

    def test_unknown_image_fails_as_on_ec2(self):
        with self.assertRaises(ClientError) as caught:
            ec2.describe_images(ImageIds=["ami-00000000"])
        self.assertEqual(caught.exception.response["Error"]["Code"], "InvalidAMIID.NotFound")

    def test_caller_identity(self):
        identity = sts.get_caller_identity()
        self.assertRegex(identity["Account"], r"^\d{12}$")
        self.assertEqual(identity["Arn"], "arn:aws:iam::%s:root" % identity["Account"])


if __name__ == "__main__":
    unittest.main()
