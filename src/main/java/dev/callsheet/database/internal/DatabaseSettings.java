package dev.callsheet.database.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dataDir where the embedded server keeps its cluster ({@code CALLSHEET_DATA_DIR})
 * @param durable fsync and synchronous commit on; only throw-away test servers turn it off
 * @param startupTimeout how long to wait for the server to accept connections
 */
@ConfigurationProperties("callsheet.database")
record DatabaseSettings(@DefaultValue("./data") Path dataDir, @DefaultValue("true") boolean durable,
        @DefaultValue("60s") Duration startupTimeout) {
}
