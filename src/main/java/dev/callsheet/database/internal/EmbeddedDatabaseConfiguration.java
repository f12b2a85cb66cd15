package dev.callsheet.database.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.callsheet.database.EmbeddedPostgresServer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The zero-setup default: with no {@code spring.datasource.url} (for example from
 * {@code SPRING_DATASOURCE_URL}), Callsheet runs its own PostgreSQL and connects to it.
 * The server outlives the connection pool and stops with the application context.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDataSourceUrl.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(DatabaseSettings settings) {
        return EmbeddedPostgresServer.start(settings.dataDir(), settings.durable(), settings.startupTimeout());
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer server) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .driverClassName("org.postgresql.Driver")
                .url(server.jdbcUrl())
                .username(server.username())
                .password(server.password())
                .build();
    }

    static class NoDataSourceUrl implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
