/**
 * Tideline's Kafka connector, public part: {@link io.tideline.kafka.EmbeddedKafkaBroker}, an
 * in-process single-node KRaft cluster for tests and demos with PLAINTEXT, SSL, SASL_PLAINTEXT and
 * SASL_SSL listeners, and {@link io.tideline.kafka.TestCertificates}, the keytool-made certificate
 * its TLS listeners and their clients use. The {@code kafka} source itself is internal ({@code
 * io.tideline.internal.streaming.sources.kafka}) and found through {@code format("kafka")}.
 */
package io.tideline.kafka;
