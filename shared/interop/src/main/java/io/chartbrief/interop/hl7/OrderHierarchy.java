package io.chartbrief.interop.hl7;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Reference;

/**
 * Parent/child orders of one message (OBR-29 parent order number, OBR-26 parent result): a microbiology
 * susceptibility panel under the culture whose isolate it tests. Orders are remembered as they are mapped; a child
 * names its parent by the parent's placer/filler number (OBR-29.1/.2), and the parent result by its OBX-3 code and
 * OBX-4 sub-id (OBR-26.1/.2).
 */
final class OrderHierarchy {

    /** An order mapped earlier in the message: its ServiceRequest and its results by OBX-3 code and OBX-4. */
    private static final class Order {
        final Reference serviceRequest;
        final Map<String, Reference> results = new HashMap<>();

        Order(Reference serviceRequest) {
            this.serviceRequest = serviceRequest;
        }
    }

    /** What a child order links to: its parent order, and the parent result it derives from when found. */
    record Parent(Reference serviceRequest, Reference result) {
    }

    private final Map<String, Order> byNumber = new HashMap<>();
    private final List<Order> inOrder = new ArrayList<>();
    private Order current;

    /** Starts an order: later {@link #result} calls belong to it. */
    void order(Er7Value placer, Er7Value filler, Reference serviceRequest) {
        current = new Order(serviceRequest);
        inOrder.add(current);
        // the first order with a number keeps it: the parent comes before its children
        if (!placer.isEmpty()) {
            byNumber.putIfAbsent("placer^" + Hl7DataTypes.entityKey(placer), current);
            byNumber.putIfAbsent("placer^" + placer.component(1), current);
        }
        if (!filler.isEmpty()) {
            byNumber.putIfAbsent("filler^" + Hl7DataTypes.entityKey(filler), current);
            byNumber.putIfAbsent("filler^" + filler.component(1), current);
        }
    }

    /** Records a result (Observation) of the current order. */
    void result(Er7Segment obx, Reference observation) {
        if (current != null) {
            current.results.putIfAbsent(resultKey(obx.first(3).component(1), obx.text(4)), observation);
        }
    }

    /**
     * The parent of a child OBR (call before {@link #order} for that OBR), or {@code null} when OBR-29 and OBR-26 are empty. A parent order that is not in
     * this message is a logical reference by its number (no literal reference to a resource the chart may not
     * hold); the parent result is then unknown ({@code null}).
     */
    Parent parentOf(Er7Segment obr, ConversionContext ctx) {
        Er7Value parentNumber = obr.first(29);
        Er7Value parentResult = obr.first(26);
        if (parentNumber.isEmpty() && parentResult.isEmpty()) {
            return null;
        }
        Er7Value placer = parentNumber.asValue(1);
        Er7Value filler = parentNumber.asValue(2);
        Order parent = find("filler", filler);
        if (parent == null) {
            parent = find("placer", placer);
        }
        String resultKey = resultKey(parentResult.sub(1, 1), parentResult.component(2));
        if (parent == null && parentNumber.isEmpty()) {
            // OBR-26 without OBR-29: the latest earlier order holding that result
            for (int i = inOrder.size() - 1; i >= 0 && parent == null; i--) {
                if (inOrder.get(i).results.containsKey(resultKey)) {
                    parent = inOrder.get(i);
                }
            }
        }
        if (parent == null) {
            if (parentNumber.isEmpty()) {
                ctx.warn("OBR-26 (parent result) names no result of an earlier order in this message");
                return null;
            }
            Reference logical = new Reference().setType("ServiceRequest").setIdentifier(filler.isEmpty()
                    ? Hl7DataTypes.entityIdentifier(placer, "PLAC") : Hl7DataTypes.entityIdentifier(filler, "FILL"));
            return new Parent(logical, null);
        }
        Reference result = parentResult.isEmpty() ? null : parent.results.get(resultKey);
        if (!parentResult.isEmpty() && result == null) {
            ctx.warn("OBR-26 (parent result) names no OBX of the parent order in this message");
        }
        return new Parent(new Reference(parent.serviceRequest.getReference()),
                result == null ? null : new Reference(result.getReference()));
    }

    private Order find(String kind, Er7Value number) {
        if (number.isEmpty()) {
            return null;
        }
        Order o = byNumber.get(kind + "^" + Hl7DataTypes.entityKey(number));
        return o != null ? o : byNumber.get(kind + "^" + number.component(1));
    }

    private static String resultKey(String code, String subId) {
        return code + "^" + subId;
    }
}
