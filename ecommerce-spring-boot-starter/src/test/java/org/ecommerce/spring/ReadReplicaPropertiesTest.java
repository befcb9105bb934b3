package org.ecommerce.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code ecommerce.read-replica.*}: unset, no replica and the library's defaults; set, as the
 * service says; documented for the IDE.
 */
class ReadReplicaPropertiesTest {

    private static EcommerceProperties.ReadReplica bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("ecommerce", EcommerceProperties.class).readReplica();
    }

    @Test
    void withoutAUrlThereIsNoReplicaAndTheLibrarysDefaultsStand() {
        for (Map<String, String> properties : List.<Map<String, String>>of(Map.of(),
                Map.of("ecommerce.read-replica.url", " "), Map.of("ecommerce.read-replica.max-lag", "10s"))) {
            EcommerceProperties.ReadReplica replica = bind(properties);
            assertThat(replica.isSet()).as(properties.toString()).isFalse();
        }
        EcommerceProperties.ReadReplica defaults = bind(Map.of());
        assertThat(defaults.maxLag()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.catchUpTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.poolSize()).isEqualTo(4);
    }

    @Test
    void theServicesSettingsBindAndThePasswordIsNeverShown() {
        EcommerceProperties.ReadReplica replica = bind(Map.of(
                "ecommerce.read-replica.url", "jdbc:postgresql://standby/shop",
                "ecommerce.read-replica.username", "shop_app",
                "ecommerce.read-replica.password", "secret",
                "ecommerce.read-replica.max-lag", "250ms",
                "ecommerce.read-replica.catch-up-timeout", "3s",
                "ecommerce.read-replica.pool-size", "2",
                "ecommerce.read-replica.connect-timeout", "500ms"));

        assertThat(replica).isEqualTo(new EcommerceProperties.ReadReplica("jdbc:postgresql://standby/shop", "shop_app",
                "secret", Duration.ofMillis(250), Duration.ofSeconds(3), 2, Duration.ofMillis(500)));
        assertThat(replica.isSet()).isTrue();
        assertThat(replica.toString()).doesNotContain("secret");
    }

    @Test
    void theConfigurationMetadataDescribesEveryReadReplicaProperty() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            String metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String name : new String[] { "url", "username", "password", "max-lag", "catch-up-timeout", "pool-size", "connect-timeout" }) {
                assertThat(metadata).contains("\"name\": \"ecommerce.read-replica." + name + "\"");
            }
        }
    }
}
