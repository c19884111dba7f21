package org.hemowatch.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The request-head state machine on a Netty pipeline with the real HTTP decoder; time is the channel's own. */
class RequestHeadTimeoutTest {

    private final AtomicInteger timeouts = new AtomicInteger();
    private EmbeddedChannel channel;

    @BeforeEach
    void pipeline() {
        channel = new EmbeddedChannel();
        channel.pipeline().addLast(RequestHeadTimeout.DECODER, new HttpRequestDecoder());
        RequestHeadTimeout.install(channel.pipeline(), Duration.ofSeconds(10), timeouts::incrementAndGet);
    }

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    private void after(long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void aHeadSentAByteAtATimeIsClosedWhenItsTimeIsUpEvenThoughBytesKeepComing() {
        String head = "GET /api/v1/units HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa";
        for (char c : head.toCharArray()) {
            assertThat(channel.isActive()).isTrue();
            send(String.valueOf(c));
            after(1);
            if (!channel.isActive()) {
                break;
            }
        }
        assertThat(channel.isActive()).isFalse();
        assertThat(timeouts).hasValue(1);
    }

    @Test
    void aHeadCompleteInTimeKeepsTheConnectionAndALongQuietAfterwardsIsTheIdleTimeoutsBusiness() {
        send("GET /a HTTP/1.1\r\nHost: x\r\n");
        after(9);
        send("\r\n");
        after(3600);
        assertThat(channel.isActive()).isTrue();
        assertThat(timeouts).hasValue(0);
    }

    @Test
    void aSlowBodyIsNotAHead() {
        send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n");
        for (int i = 0; i < 3; i++) {
            send("x");
            after(20);
        }
        assertThat(channel.isActive()).isTrue();
        send("x");
        after(20);
        assertThat(channel.isActive()).isTrue();
        assertThat(timeouts).hasValue(0);
    }

    @Test
    void theNextRequestOnAKeptAliveConnectionGetsItsOwnDeadline() {
        send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
        after(60);
        send("GET /b HTTP/1.1\r\nHo");
        after(9);
        assertThat(channel.isActive()).isTrue();
        after(1);
        assertThat(channel.isActive()).isFalse();
        assertThat(timeouts).hasValue(1);
    }

    @Test
    void aConnectionUpgradedAwayFromHttp1DropsTheTimeout() {
        send("GET /a HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\n\r\n");
        channel.pipeline().remove(RequestHeadTimeout.DECODER); // as the h2c upgrade does
        send("PRI * HTTP/2.0");
        after(60);
        assertThat(channel.isActive()).isTrue();
        assertThat(channel.pipeline().names()).doesNotContain("hemowatch-head-bytes", "hemowatch-head-decoded");
        assertThat(timeouts).hasValue(0);
    }

    @Test
    void aPipelineWithoutTheHttpDecoderIsLeftAlone() {
        EmbeddedChannel other = new EmbeddedChannel();
        RequestHeadTimeout.install(other.pipeline(), Duration.ofSeconds(1), timeouts::incrementAndGet);
        assertThat(other.pipeline().names()).doesNotContain("hemowatch-head-bytes");
    }
}
