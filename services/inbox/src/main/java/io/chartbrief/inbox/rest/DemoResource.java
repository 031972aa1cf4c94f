package io.chartbrief.inbox.rest;

import io.chartbrief.inbox.config.InboxConfig;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Demo mode only ({@code chartbrief.inbox.demo.enabled=true}; 404 otherwise): the demo clinicians and tokens for them,
 * signed with the per-process key (see {@code DemoKeySource}).
 */
@Path("/demo")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "demo")
public class DemoResource {

    /** A demo clinician. */
    public record Clinician(String login, String name, String practitioner, List<String> units) {
    }

    /** {@code POST /demo/token} body. */
    public record TokenRequest(String login) {
    }

    /** {@code POST /demo/token} answer. */
    public record TokenResponse(String token, Instant expiresAt, String login, String name) {
    }

    private final InboxConfig config;
    private final String issuer;

    public DemoResource(InboxConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.config = config;
        this.issuer = issuer;
    }

    @GET
    @Path("/clinicians")
    @Operation(summary = "Demo clinicians (demo mode only)")
    public List<Clinician> clinicians() {
        requireDemo();
        return parse(config.demo().clinicians());
    }

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A token for a demo clinician (demo mode only); unknown login → 404")
    public TokenResponse token(TokenRequest request) {
        requireDemo();
        String login = request == null ? null : request.login();
        Clinician clinician = parse(config.demo().clinicians()).stream().filter(c -> c.login().equals(login))
                .findFirst().orElseThrow(() -> new NotFoundException("no such demo clinician"));
        Instant expires = Instant.now().plus(config.demo().tokenTtl());
        JwtClaimsBuilder claims = Jwt.issuer(issuer).subject(clinician.login()).upn(clinician.login())
                .claim("name", clinician.name()).claim(config.unitsClaim(), clinician.units())
                .issuedAt(Instant.now()).expiresAt(expires);
        if (clinician.practitioner() != null) {
            claims.claim(config.practitionerClaim(), clinician.practitioner());
        }
        return new TokenResponse(claims.sign(), expires, clinician.login(), clinician.name());
    }

    private void requireDemo() {
        if (!config.demo().enabled()) {
            throw new NotFoundException();
        }
    }

    /** Parses {@code login|name|practitioner|units} entries (see {@code InboxConfig.Demo#clinicians}). */
    static List<Clinician> parse(List<String> entries) {
        List<Clinician> out = new ArrayList<>();
        for (String entry : entries) {
            String[] parts = entry.split("\\|", -1);
            if (parts.length < 4 || parts[0].isBlank()) {
                throw new IllegalArgumentException("chartbrief.inbox.demo.clinicians entry must be "
                        + "login|name|practitioner|units: " + entry);
            }
            List<String> units = Arrays.stream(parts[3].trim().split("\\s+")).filter(s -> !s.isBlank()).toList();
            out.add(new Clinician(parts[0].trim(), parts[1].trim(), parts[2].isBlank() ? null : parts[2].trim(), units));
        }
        return out;
    }
}
