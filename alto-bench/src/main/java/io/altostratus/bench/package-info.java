/**
 * Benchmarks of the EC2 gateway, run by {@code bin/bench} (never as unit tests): the workload through the AWS
 * SDK for Java v2 against an in-process gateway, a running endpoint or a started {@code alto serve}, and against
 * moto's server when {@code moto_server} is installed.
 */
package io.altostratus.bench;
