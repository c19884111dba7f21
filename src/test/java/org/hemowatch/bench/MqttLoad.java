package org.hemowatch.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The publishing side of the MQTT benchmarks: Vert.x MqttClients in this JVM, each with a window of unacknowledged QoS 1 PUBLISHes. */
final class MqttLoad {

    private MqttLoad() {
    }

    /**
     * Publishes {@code n} readings at QoS 1 over {@code clients} connections (device {@code prefix-c}, topic
     * {@code topicFormat} with the device), each keeping {@code window} PUBLISHes unacknowledged; returns when all
     * are acknowledged, with their count.
     */
    static long publish(int port, String password, String prefix, String topicFormat, int clients, int window, int n) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CountDownLatch done = new CountDownLatch(n);
            List<MqttClient> open = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String device = prefix + "-" + c;
                MqttClientOptions o = new MqttClientOptions().setClientId(device).setUsername(device).setMaxInflightQueue(window * 2);
                if (password != null) {
                    o.setPassword(password);
                }
                MqttClient client = MqttClient.create(vertx, o);
                client.connect(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                open.add(client);
                int share = n / clients + (c < n % clients ? 1 : 0);
                AtomicLong next = new AtomicLong();
                String topic = String.format(topicFormat, device);
                Runnable send = () -> {
                    long seq = next.getAndIncrement();
                    if (seq < share) {
                        client.publish(topic, Buffer.buffer("{\"seq\":" + seq + ",\"tempC\":4.2}"), MqttQoS.AT_LEAST_ONCE, false, false);
                    }
                };
                client.publishCompletionHandler(id -> {
                    done.countDown();
                    send.run();
                });
                vertx.runOnContext(v -> {
                    for (int i = 0; i < Math.min(window, share); i++) {
                        send.run();
                    }
                });
            }
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException(done.getCount() + " readings were not acknowledged");
            }
            open.forEach(MqttClient::disconnect);
            return n;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
