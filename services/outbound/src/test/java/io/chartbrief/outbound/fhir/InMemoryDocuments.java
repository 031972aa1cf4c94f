package io.chartbrief.outbound.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;

/**
 * Resource providers of the test FHIR server. Storage, ids and versions are HAPI's {@link HashMapResourceProvider};
 * these add what a production server does and the in-memory provider does not: conditional create
 * ({@code If-None-Exist: identifier=…}: an existing match is answered 200 and nothing is created), search by
 * {@code identifier} and by the patient's identifier ({@code patient.identifier} / {@code subject.identifier},
 * chained as HAPI's JPA server takes it), and scripted failures of a create per summary identifier (a status; 422
 * answers an OperationOutcome with diagnostics).
 */
public final class InMemoryDocuments {

    private InMemoryDocuments() {
    }

    /** Scripted answers for creates of the resource with a given identifier value (then normal service). */
    public static final class Script {
        private final Map<String, Deque<Integer>> statuses = new ConcurrentHashMap<>();

        public void add(String identifierValue, Integer... answers) {
            statuses.computeIfAbsent(identifierValue, k -> new ArrayDeque<>()).addAll(List.of(answers));
        }

        void apply(String identifierValue) {
            Deque<Integer> queue = statuses.get(identifierValue);
            Integer status = queue == null ? null : queue.poll();
            if (status == null) {
                return;
            }
            if (status == 422) {
                throw new UnprocessableEntityException("DocumentReference.type: code 60591-5 is not accepted by this server");
            }
            throw BaseServerResponseException.newInstance(status, "scripted HTTP " + status);
        }

        public void clear() {
            statuses.clear();
        }
    }

    /** {@code DocumentReference}: create (conditional), read, update, search. */
    public static final class DocumentReferences implements IResourceProvider {
        final HashMapResourceProvider<DocumentReference> store;
        public final Script script = new Script();

        DocumentReferences(FhirContext fhir) {
            store = new HashMapResourceProvider<>(fhir, DocumentReference.class);
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return DocumentReference.class;
        }

        @Create
        public synchronized MethodOutcome create(@ResourceParam DocumentReference doc,
                @ConditionalUrlParam String condition, RequestDetails request) {
            script.apply(doc.getMasterIdentifier().getValue());
            if (condition != null) {
                List<DocumentReference> existing = byIdentifier(identifierOf(condition));
                if (!existing.isEmpty()) {
                    return new MethodOutcome(existing.get(0).getIdElement()).setCreated(false);
                }
            }
            return store.create(doc, request);
        }

        @Read
        public DocumentReference read(@IdParam IdType id, RequestDetails request) {
            return store.read(id, request);
        }

        @Update
        public synchronized MethodOutcome update(@IdParam IdType id, @ResourceParam DocumentReference doc,
                RequestDetails request) {
            doc.setId(id.toUnqualifiedVersionless());
            return store.update(doc, null, request);
        }

        @Search
        public List<DocumentReference> search(@OptionalParam(name = "identifier") TokenParam identifier,
                @OptionalParam(name = "patient", chainWhitelist = {"identifier"}) ReferenceParam patient,
                @OptionalParam(name = "subject", chainWhitelist = {"identifier"}) ReferenceParam subject) {
            Stream<DocumentReference> all = store.getStoredResources().stream();
            if (identifier != null) {
                all = all.filter(d -> Stream.concat(Stream.of(d.getMasterIdentifier()), d.getIdentifier().stream())
                        .anyMatch(i -> matches(i, identifier)));
            }
            ReferenceParam who = patient != null ? patient : subject;
            if (who != null) {
                if (!"identifier".equals(who.getChain())) {
                    throw new InvalidRequestException("only patient.identifier / subject.identifier searches here");
                }
                TokenParam token = new TokenParam();
                token.setValueAsQueryToken(null, null, null, who.getValue());
                all = all.filter(d -> d.getSubject().hasIdentifier() && matches(d.getSubject().getIdentifier(), token));
            }
            return all.toList();
        }

        /** Every stored DocumentReference (current versions). */
        public List<DocumentReference> all() {
            return store.getStoredResources();
        }

        List<DocumentReference> byIdentifier(TokenParam token) {
            return store.getStoredResources().stream().filter(d -> matches(d.getMasterIdentifier(), token)).toList();
        }
    }

    /** {@code Bundle}: create (conditional), read, search by identifier. */
    public static final class Documents implements IResourceProvider {
        final HashMapResourceProvider<Bundle> store;

        Documents(FhirContext fhir) {
            store = new HashMapResourceProvider<>(fhir, Bundle.class);
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Bundle.class;
        }

        @Create
        public synchronized MethodOutcome create(@ResourceParam Bundle bundle, @ConditionalUrlParam String condition,
                RequestDetails request) {
            if (condition != null) {
                List<Bundle> existing = search(identifierOf(condition));
                if (!existing.isEmpty()) {
                    return new MethodOutcome(existing.get(0).getIdElement()).setCreated(false);
                }
            }
            return store.create(bundle, request);
        }

        @Read
        public Bundle read(@IdParam IdType id, RequestDetails request) {
            return store.read(id, request);
        }

        @Search
        public List<Bundle> search(@OptionalParam(name = "identifier") TokenParam identifier) {
            return store.getStoredResources().stream()
                    .filter(b -> identifier == null || matches(b.getIdentifier(), identifier)).toList();
        }
    }

    /** The {@code identifier} token of a conditional URL ({@code Type?identifier=system|value}). */
    static TokenParam identifierOf(String conditionalUrl) {
        String query = conditionalUrl.substring(conditionalUrl.indexOf('?') + 1);
        for (String pair : query.split("&")) {
            if (pair.startsWith("identifier=")) {
                TokenParam token = new TokenParam();
                token.setValueAsQueryToken(null, null, null,
                        URLDecoder.decode(pair.substring("identifier=".length()), StandardCharsets.UTF_8));
                return token;
            }
        }
        throw new InvalidRequestException("this server takes If-None-Exist by identifier only");
    }

    private static boolean matches(Identifier identifier, TokenParam token) {
        return identifier != null && token.getValue() != null && token.getValue().equals(identifier.getValue())
                && (token.getSystem() == null || token.getSystem().equals(identifier.getSystem()));
    }
}
