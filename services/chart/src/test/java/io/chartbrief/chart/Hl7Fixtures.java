package io.chartbrief.chart;

/** Small synthetic HL7 v2 messages written for these tests (no real patients). */
public final class Hl7Fixtures {

    private Hl7Fixtures() {
    }

    /**
     * An ADT message.
     *
     * @param trigger      A01, A03, A08, A11, A13, ...
     * @param eventTime    EVN-2, e.g. 20260301101400
     * @param patientClass PV1-2 (I inpatient, O outpatient, E emergency)
     * @param admit        PV1-44, e.g. 20260301100000
     * @param discharge    PV1-45 or null
     */
    public static String adt(String trigger, String controlId, String mrn, String visit, String patientClass,
            String eventTime, String admit, String discharge) {
        String[] pv1 = new String[46];
        java.util.Arrays.fill(pv1, "");
        pv1[0] = "PV1";
        pv1[1] = "1";
        pv1[2] = patientClass;
        pv1[3] = "4WEST^401^A^GOODHEALTH";
        pv1[7] = "1234^ATTENDING^ANNA^^^DR^^^GOODHEALTH";
        pv1[10] = "MED";
        pv1[19] = visit + "^^^GOODHEALTH^VN";
        pv1[44] = admit;
        pv1[45] = discharge == null ? "" : discharge;
        return String.join("\r",
                "MSH|^~\\&|ADT1|GOODHEALTH|CHARTBRIEF|CB|" + eventTime + "||ADT^" + trigger + "|" + controlId
                        + "|P|2.5.1",
                "EVN|" + trigger + "|" + eventTime,
                pid(mrn),
                String.join("|", pv1)) + "\r";
    }

    /** ADT^A40: {@code retiredMrn} is merged into {@code survivorMrn}. */
    public static String a40(String controlId, String survivorMrn, String retiredMrn, String eventTime) {
        return String.join("\r",
                "MSH|^~\\&|ADT1|GOODHEALTH|CHARTBRIEF|CB|" + eventTime + "||ADT^A40^ADT_A39|" + controlId + "|P|2.5.1",
                "EVN|A40|" + eventTime,
                pid(survivorMrn),
                "MRG|" + retiredMrn + "^^^GOODHEALTH^MR") + "\r";
    }

    /** ADT^A40 merge batch: each {@code pairs[i] = {survivorMrn, retiredMrn}} is one PID/MRG pair. */
    public static String a40Batch(String controlId, String eventTime, String[]... pairs) {
        StringBuilder message = new StringBuilder("MSH|^~\\&|ADT1|GOODHEALTH|CHARTBRIEF|CB|" + eventTime
                + "||ADT^A40^ADT_A39|" + controlId + "|P|2.5.1\rEVN|A40|" + eventTime + "\r");
        int set = 0;
        for (String[] pair : pairs) {
            set++;
            message.append(pid(pair[0]).replaceFirst("^PID\\|1\\|", "PID|" + set + "|")).append('\r')
                    .append("MRG|").append(pair[1]).append("^^^GOODHEALTH^MR\r");
        }
        return message.toString();
    }

    /** ORU^R01 with one report (filler id {@code report}) and a potassium result. */
    public static String oru(String controlId, String mrn, String report, String value, String eventTime) {
        return String.join("\r",
                "MSH|^~\\&|LAB|GOODHEALTH|CHARTBRIEF|CB|" + eventTime + "||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1",
                pid(mrn),
                "OBR|1|PL" + report + "|FL" + report + "|24323-8^Comprehensive metabolic panel^LN|||" + eventTime
                        + "|||||||||||||||" + eventTime + "|||F",
                "OBX|1|NM|2823-3^Potassium^LN||" + value + "|mmol/L^millimole per liter^UCUM|3.5-5.1|H|||F|||"
                        + eventTime) + "\r";
    }

    /**
     * MDM^T02 (original document with content): a History and physical note of one TX line for the visit.
     *
     * @param document TXA-12, the document's unique number
     * @param text     the note's one line (OBX-5)
     */
    public static String mdm(String controlId, String mrn, String visit, String document, String eventTime,
            String text) {
        return String.join("\r",
                "MSH|^~\\&|EHR|GOODHEALTH|CHARTBRIEF|CB|" + eventTime + "||MDM^T02^MDM_T02|" + controlId + "|P|2.5.1",
                "EVN|T02|" + eventTime,
                pid(mrn),
                "PV1|1|I|4WEST^401^A^GOODHEALTH||||1234^ATTENDING^ANNA^^^DR^^^GOODHEALTH|||MED|||||||||" + visit
                        + "^^^GOODHEALTH^VN",
                "TXA|1|HP^History and physical^LN|TX|" + eventTime + "||" + eventTime + "||||||" + document
                        + "^EHR|||||AU",
                "OBX|1|TX|NOTE^Note^L||" + text) + "\r";
    }

    private static String pid(String mrn) {
        return "PID|1||" + mrn + "^^^GOODHEALTH^MR||TESTPATIENT^ALICE^Q||19700214|F|||1 MAIN ST^^SPRINGFIELD^IL^62701";
    }
}
