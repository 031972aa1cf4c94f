package io.chartbrief.inbox.security;

import io.chartbrief.inbox.config.InboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads the {@link Caller} out of a verified JWT using the configured claim names. */
@ApplicationScoped
public class CallerResolver {

    private final InboxConfig config;

    public CallerResolver(InboxConfig config) {
        this.config = config;
    }

    /** The caller of a verified token. */
    public Caller of(JsonWebToken token) {
        List<String> practitioner = values(token.getClaim(config.practitionerClaim()));
        List<String> units = new ArrayList<>();
        for (String value : values(token.getClaim(config.unitsClaim()))) {
            for (String unit : value.split("[\\s,]+")) {
                if (!unit.isBlank()) {
                    units.add(unit.trim());
                }
            }
        }
        // The subject keys the caller's own read/acknowledged state; a token without sub falls back to its name
        // (upn / preferred_username), which SmallRye JWT always resolves.
        String subject = token.getSubject() != null ? token.getSubject() : token.getName();
        return new Caller(subject,
                practitioner.isEmpty() ? null : qualified(practitioner.get(0), config.practitionerSystem()),
                List.copyOf(units));
    }

    /** A claimed practitioner identifier, qualified with the configured system when it carries none. */
    static String qualified(String identifier, Optional<String> system) {
        if (identifier.contains("|") || system.isEmpty() || system.get().isBlank()) {
            return identifier;
        }
        return system.get().trim() + "|" + identifier.trim();
    }

    /** A claim as text values: a string, a number, or an array of them. */
    static List<String> values(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim == null) {
            return out;
        }
        if (claim instanceof JsonArray array) {
            array.forEach(v -> out.addAll(values(v)));
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(v -> out.addAll(values(v)));
        } else if (claim instanceof JsonString string) {
            out.add(string.getString());
        } else if (claim instanceof JsonNumber number) {
            out.add(number.toString());
        } else if (claim instanceof JsonValue value) {
            if (value.getValueType() != JsonValue.ValueType.NULL) {
                out.add(value.toString());
            }
        } else {
            out.add(claim.toString());
        }
        out.removeIf(String::isBlank);
        return out;
    }
}
