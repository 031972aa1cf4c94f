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
import org.hl7.fhir.r4.model.Patient;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/**
 * Resource providers of the test FHIR server. Storage, ids and versions are HAPI's {@link HashMapResourceProvider};
 * these add what a production server does and the in-memory provider does not, as HAPI's JPA server 8.6.5 does it
 * (checked against one started on H2): conditional create ({@code If-None-Exist: identifier=…}: an existing match
 * is answered 200 and nothing is created), a conditional subject reference ({@code Patient?identifier=…}) resolved
 * to the stored Patient at create time (none: 404 "No resources match this search"), search by {@code identifier}
 * and by the patient's identifier chained into the referenced Patient ({@code patient.identifier} /
 * {@code subject.identifier}: a reference carrying only an identifier matches nothing, as there), and scripted
 * failures of a create per summary identifier (a status; 422 answers an OperationOutcome with diagnostics).
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
        private final HashMapResourceProvider<Patient> patients;
        public final Script script = new Script();

        DocumentReferences(FhirContext fhir, HashMapResourceProvider<Patient> patients) {
            store = new HashMapResourceProvider<>(fhir, DocumentReference.class);
            this.patients = patients;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return DocumentReference.class;
        }

        @Create
        public synchronized MethodOutcome create(@ResourceParam DocumentReference doc,
                @ConditionalUrlParam String condition, RequestDetails request) {
            script.apply(doc.getMasterIdentifier().getValue());
            String subject = doc.getSubject().getReference();
            if (subject != null && subject.startsWith("Patient?")) {
                TokenParam wanted = identifierOf(subject);
                List<Patient> matches = patients.getStoredResources().stream()
                        .filter(p -> p.getIdentifier().stream().anyMatch(i -> matches(i, wanted))).toList();
                if (matches.size() != 1) {
                    throw matches.isEmpty()
                            ? new ResourceNotFoundException("Invalid match URL \"" + subject + "\" - No resources match this search")
                            : new PreconditionFailedException("Invalid match URL \"" + subject + "\" - Multiple resources match");
                }
                doc.getSubject().setReference("Patient/" + matches.get(0).getIdElement().getIdPart());
            }
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
                all = all.filter(d -> patientOf(d).map(p -> p.getIdentifier().stream().anyMatch(i -> matches(i, token)))
                        .orElse(false));
            }
            return all.toList();
        }

        /** The stored Patient the subject references (an identifier-only reference resolves to none). */
        private java.util.Optional<Patient> patientOf(DocumentReference doc) {
            String reference = doc.getSubject().getReference();
            if (reference == null || !reference.startsWith("Patient/")) {
                return java.util.Optional.empty();
            }
            String id = reference.substring("Patient/".length());
            return patients.getStoredResources().stream().filter(p -> id.equals(p.getIdElement().getIdPart())).findFirst();
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
