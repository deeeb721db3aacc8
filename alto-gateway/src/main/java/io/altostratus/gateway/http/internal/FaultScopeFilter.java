package io.altostratus.gateway.http.internal;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.altostratus.core.spi.decorate.FaultScope;
import java.io.IOException;

/** Makes each request one {@link FaultScope}, so a fault plan's rates are per request whatever the front calls. */
public final class FaultScopeFilter extends Filter {
    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        try (FaultScope request = FaultScope.open()) {
            chain.doFilter(exchange);
        }
    }

    @Override
    public String description() {
        return "one fault draw per request";
    }
}
