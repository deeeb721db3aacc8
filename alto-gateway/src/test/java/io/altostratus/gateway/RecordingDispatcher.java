package io.altostratus.gateway;

import io.altostratus.gateway.http.ActionDispatcher;
import io.altostratus.gateway.http.Call;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for the codec and handlers: records every call and answers with a minimal DescribeRegions document the
 * SDK parses, or with whatever a test installs.
 */
final class RecordingDispatcher implements ActionDispatcher {
    final List<Call> calls = new CopyOnWriteArrayList<>();
    volatile Function<Call, byte[]> behaviour = RecordingDispatcher::describeRegions;

    @Override
    public byte[] dispatch(Call call) {
        calls.add(call);
        return behaviour.apply(call);
    }

    Call lastCall() {
        return calls.get(calls.size() - 1);
    }

    void reset() {
        calls.clear();
        behaviour = RecordingDispatcher::describeRegions;
    }

    static byte[] describeRegions(Call call) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>" + call.requestId() + "</requestId><regionInfo><item>"
                + "<regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint>"
                + "</item></regionInfo></DescribeRegionsResponse>").getBytes(StandardCharsets.UTF_8);
    }
}
