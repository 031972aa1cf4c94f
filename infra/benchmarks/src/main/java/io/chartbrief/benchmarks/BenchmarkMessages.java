package io.chartbrief.benchmarks;

/** Synthetic benchmark inputs (typical sizes: an admission with diagnoses/allergies, a 12-result panel). */
final class BenchmarkMessages {

    private BenchmarkMessages() {
    }

    static String adtA01(int n) {
        return String.join("\r",
                "MSH|^~\\&|ADT1|RIVERSIDE|CHARTBRIEF|CB|20261101081500||ADT^A01^ADT_A01|BENCH-ADT-" + n + "|P|2.5.1",
                "EVN|A01|20261101081200",
                "PID|1||" + (100000 + n % 5000) + "^^^RIVERSIDE^MR~" + (900000 + n % 5000) + "^^^SSA^SS||BENCHPATIENT^ALEX^J||19480312|F|||12 ELM ROAD^^SPRINGFIELD^IL^62704^USA||(217)555-0142^PRN^PH~alex@example.org^NET^Internet",
                "PV1|1|I|5EAST^512^B^RIVERSIDE||||4411^OKAFOR^CHIDI^^^DR^^^RIVERSIDE|2288^NGUYEN^LINH^^^DR^^^RIVERSIDE||MED||||7|||4411^OKAFOR^CHIDI^^^DR^^^RIVERSIDE||V" + n + "^^^RIVERSIDE^VN|||||||||||||||||||||||||20261101080000",
                "PV2|||Shortness of breath",
                "DG1|1||J18.9^Pneumonia, unspecified organism^I10||20261101|A",
                "DG1|2||I50.22^Chronic systolic heart failure^I10||20261101|A",
                "AL1|1|DA|7980^Penicillin G^RXNORM|SV|Anaphylaxis",
                "OBX|1|NM|8867-4^Heart rate^LN||112|/min^per minute^UCUM|60-100|H|||F|||20261101081000",
                "OBX|2|NM|2708-6^Oxygen saturation^LN||89|%^percent^UCUM|94-100|L|||F|||20261101081000") + "\r";
    }

    static String oruR01(int n) {
        StringBuilder sb = new StringBuilder(String.join("\r",
                "MSH|^~\\&|LAB|RIVERSIDE|CHARTBRIEF|CB|20261101093000||ORU^R01^ORU_R01|BENCH-ORU-" + n + "|P|2.5.1",
                "PID|1||" + (100000 + n % 5000) + "^^^RIVERSIDE^MR||BENCHPATIENT^ALEX^J||19480312|F",
                "PV1|1|I|5EAST^512^B^RIVERSIDE||||4411^OKAFOR^CHIDI^^^DR^^^RIVERSIDE||||||||||||V" + n + "^^^RIVERSIDE^VN",
                "OBR|1|PLC-" + n + "|FLR-" + n + "|24323-8^Comprehensive metabolic panel^LN|||20261101084500|||||||||4411^OKAFOR^CHIDI^^^DR^^^RIVERSIDE||||||20261101092800|||F"));
        String[][] results = {
            {"2823-3", "Potassium", "3.1", "mmol/L", "3.5-5.1", "L"},
            {"2951-2", "Sodium", "137", "mmol/L", "135-145", "N"},
            {"2075-0", "Chloride", "101", "mmol/L", "98-107", "N"},
            {"2028-9", "Carbon dioxide", "24", "mmol/L", "22-29", "N"},
            {"3094-0", "Urea nitrogen", "31", "mg/dL", "7-20", "H"},
            {"2160-0", "Creatinine", "1.9", "mg/dL", "0.6-1.1", "H"},
            {"2345-7", "Glucose", "142", "mg/dL", "70-99", "H"},
            {"17861-6", "Calcium", "9.1", "mg/dL", "8.6-10.3", "N"},
            {"2885-2", "Protein", "6.8", "g/dL", "6.0-8.3", "N"},
            {"1751-7", "Albumin", "3.2", "g/dL", "3.5-5.2", "L"},
            {"1975-2", "Bilirubin total", "0.8", "mg/dL", "0.1-1.2", "N"},
            {"6768-6", "Alkaline phosphatase", "88", "U/L", "44-147", "N"},
        };
        for (int i = 0; i < results.length; i++) {
            String[] r = results[i];
            sb.append("\rOBX|").append(i + 1).append("|NM|").append(r[0]).append('^').append(r[1]).append("^LN||")
                    .append(r[2]).append('|').append(r[3]).append("^^UCUM|").append(r[4]).append('|').append(r[5])
                    .append("|||F|||20261101084500");
        }
        sb.append("\rNTE|1||Creatinine above baseline; consider renal dosing.\r");
        return sb.toString();
    }
}
