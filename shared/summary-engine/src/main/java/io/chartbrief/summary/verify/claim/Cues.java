package io.chartbrief.summary.verify.claim;

import java.util.Map;
import java.util.Set;

/**
 * Cue words of clinical statements (NegEx/ConText-style lists): negation, status, uncertainty, direction, trend,
 * recommendation actions, and the prose words that carry no checkable fact. Lower-case, after lexicon
 * normalization. docs/clinical-safety.md lists them.
 */
public final class Cues {

    /** Negation before the finding ("no", "denies", "negative for"); their scope runs to a terminator. */
    public static final Set<String> NEGATION = Set.of("no", "not", "denies", "denied", "deny", "without", "never",
            "none", "negative", "absent", "free", "neither", "nor", "non", "lacks", "excluded", "unremarkable", "ruled");
    /** Words that end a negation or experiencer scope. */
    public static final Set<String> TERMINATORS = Set.of("but", "however", "although", "though", "except", "yet",
            "while", "whereas", "apart", "aside", "which", "who", "now");
    /** Uncertainty ("possible pneumonia"): matches provisional/differential conditions. */
    public static final Set<String> UNCERTAINTY = Set.of("possible", "possibly", "probable", "probably", "likely",
            "suspected", "suspect", "suspicion", "questionable", "presumed", "presumptive", "provisional",
            "differential", "unconfirmed", "query", "concern", "rule", "r/o", "versus", "vs");

    /** Status words and what they claim. */
    public static final Map<String, String> STATUS = Map.ofEntries(
            Map.entry("active", "active"), Map.entry("currently", "active"),
            Map.entry("ongoing", "active"), Map.entry("continuing", "active"), Map.entry("persistent", "active"),
            Map.entry("taking", "active"), Map.entry("takes", "active"), Map.entry("continues", "active"),
            Map.entry("resolved", "resolved"), Map.entry("resolving", "resolved"), Map.entry("healed", "resolved"),
            Map.entry("abated", "resolved"), Map.entry("cured", "resolved"), Map.entry("inactive", "inactive"),
            Map.entry("remission", "remission"), Map.entry("former", "history"), Map.entry("prior", "history"),
            Map.entry("previous", "history"), Map.entry("previously", "history"), Map.entry("past", "history"),
            Map.entry("remote", "history"), Map.entry("history", "history"), Map.entry("h/o", "history"),
            Map.entry("stopped", "stopped"), Map.entry("discontinued", "stopped"), Map.entry("ceased", "stopped"),
            Map.entry("d/c", "stopped"), Map.entry("dc'd", "stopped"), Map.entry("completed", "completed"),
            Map.entry("finished", "completed"), Map.entry("held", "on-hold"), Map.entry("hold", "on-hold"),
            Map.entry("paused", "on-hold"), Map.entry("suspended", "on-hold"), Map.entry("cancelled", "cancelled"),
            Map.entry("canceled", "cancelled"),
            Map.entry("recurrent", "active"), Map.entry("recurrence", "active"), Map.entry("relapse", "active"),
            Map.entry("refuted", "refuted"), Map.entry("treated", "resolved"));

    /** Direction words and the direction they state. */
    public static final Map<String, String> DIRECTION = Map.ofEntries(
            Map.entry("high", "high"), Map.entry("elevated", "high"), Map.entry("raised", "high"),
            Map.entry("increased", "high"), Map.entry("above", "high"), Map.entry("hi", "high"),
            Map.entry("low", "low"), Map.entry("decreased", "low"), Map.entry("reduced", "low"),
            Map.entry("below", "low"), Map.entry("depressed", "low"), Map.entry("lo", "low"),
            Map.entry("normal", "normal"), Map.entry("wnl", "normal"), Map.entry("normotensive", "normal"),
            Map.entry("unremarkable", "normal"), Map.entry("abnormal", "abnormal"), Map.entry("critical", "abnormal"),
            Map.entry("deranged", "abnormal"), Map.entry("borderline", "borderline"), Map.entry("afebrile", "afebrile"));
    /** Trend words and the direction of change they state. */
    public static final Map<String, String> TREND = Map.ofEntries(
            Map.entry("rising", "rising"), Map.entry("increasing", "rising"), Map.entry("uptrending", "rising"),
            Map.entry("climbing", "rising"), Map.entry("worsening", "worsening"), Map.entry("falling", "falling"),
            Map.entry("decreasing", "falling"), Map.entry("downtrending", "falling"), Map.entry("declining", "falling"),
            Map.entry("dropping", "falling"), Map.entry("improving", "improving"), Map.entry("stable", "stable"),
            Map.entry("unchanged", "stable"), Map.entry("trending", "trend"));


    /** Recommendation actions by their leading verb. */
    public static final Map<String, String> ACTION = Map.ofEntries(
            Map.entry("start", "start"), Map.entry("initiate", "start"), Map.entry("begin", "start"),
            Map.entry("add", "start"), Map.entry("give", "start"), Map.entry("administer", "start"),
            Map.entry("prescribe", "start"), Map.entry("resume", "start"), Map.entry("restart", "start"),
            Map.entry("replete", "replete"), Map.entry("replace", "replete"), Map.entry("supplement", "replete"),
            Map.entry("correct", "replete"), Map.entry("treat", "treat"), Map.entry("manage", "treat"),
            Map.entry("continue", "continue"), Map.entry("maintain", "continue"), Map.entry("keep", "continue"),
            Map.entry("increase", "increase"), Map.entry("uptitrate", "increase"), Map.entry("titrate", "increase"),
            Map.entry("decrease", "decrease"), Map.entry("reduce", "decrease"), Map.entry("taper", "decrease"),
            Map.entry("wean", "decrease"), Map.entry("lower", "decrease"),
            Map.entry("stop", "stop"), Map.entry("discontinue", "stop"), Map.entry("cease", "stop"),
            Map.entry("d/c", "stop"), Map.entry("hold", "hold"), Map.entry("withhold", "hold"),
            Map.entry("pause", "hold"), Map.entry("suspend", "hold"), Map.entry("avoid", "avoid"),
            Map.entry("monitor", "monitor"), Map.entry("trend", "monitor"), Map.entry("follow", "monitor"),
            Map.entry("watch", "monitor"), Map.entry("observe", "monitor"), Map.entry("track", "monitor"),
            Map.entry("check", "repeat"), Map.entry("recheck", "repeat"), Map.entry("repeat", "repeat"),
            Map.entry("obtain", "repeat"), Map.entry("order", "repeat"), Map.entry("measure", "repeat"),
            Map.entry("draw", "repeat"), Map.entry("retest", "repeat"), Map.entry("reassess", "review"),
            Map.entry("consult", "consult"), Map.entry("refer", "consult"), Map.entry("involve", "consult"),
            Map.entry("review", "review"), Map.entry("evaluate", "review"), Map.entry("assess", "review"),
            Map.entry("confirm", "review"), Map.entry("verify", "review"), Map.entry("reconcile", "review"),
            Map.entry("discuss", "review"), Map.entry("educate", "review"), Map.entry("counsel", "review"));


    /** Prose words that carry no checkable fact in any statement. */
    public static final Set<String> PROSE = Set.of(
            "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "as", "is", "are",
            "was", "were", "be", "been", "being", "has", "have", "had", "having", "this", "that", "these", "those",
            "from", "after", "before", "during", "per", "his", "her", "their", "its", "he", "she", "they", "him",
            "them", "who", "which", "also", "than", "then", "there", "any", "all", "each", "both", "most",
            "latest", "last", "recent", "recently", "known", "other", "again", "still", "now", "today", "here",
            "patient", "patients", "pt", "presents", "presenting", "admitted", "admission", "diagnosis", "diagnosed",
            "status", "level", "levels", "value", "values", "result", "results", "reading", "readings", "measurement",
            "noted", "shows", "showed", "showing", "reveals", "revealed", "demonstrates", "found", "seen", "reported",
            "year", "years", "old", "yo", "male", "female", "man", "woman", "gentleman", "lady", "summary",
            "problem", "problems", "medication", "medications", "meds", "med", "drug", "drugs", "allergy",
            "allergies", "allergic", "intolerance", "vitals", "vital", "signs", "sign", "lab", "labs", "laboratory",
            "test", "tests", "condition", "conditions", "encounter", "visit", "note", "notes", "observation",
            "procedure", "ref", "reference", "range", "within", "limits", "limit", "outside", "record", "chart",
            "flagged", "current", "onset", "ordered", "recorded", "dated", "performed", "criticality", "reaction",
            "reactions", "reason", "born", "currently", "including", "include", "includes", "such", "like",
            "about", "approximately", "around", "nearly", "over", "under", "up", "down", "out", "into", "via",
            "s", "due", "given", "because", "secondary", "setting", "context", "view", "light", "consistent",
            "compatible", "suggestive", "likely", "significant", "notable", "mild", "mildly", "moderate",
            "moderately", "markedly", "marked", "slightly", "slight", "very", "well", "severe", "severely",
            "dose", "dosing", "therapy", "treatment", "regimen", "daily", "scheduled", "routine", "rate",
            "started", "listed", "documented", "present", "presence", "evidence", "will", "should",
            "would", "can", "may", "might", "must", "need", "needs", "needed", "please", "recommend",
            "recommended", "consider", "considered", "continue", "continued", "plan", "planned", "longer", "course",
            "order", "orders", "prescription", "post", "episode", "episodes");

    /** Recommendation filler: action objects that name no chart fact ("levels", "closely", "labs"). */
    public static final Set<String> RECOMMENDATION_FILLER = Set.of("closely", "serially", "frequently", "regularly",
            "periodically", "daily", "replacement", "repletion", "supplementation", "supplement", "supplements",
            "electrolytes", "electrolyte", "panel", "workup", "work", "further", "follow", "followup", "outpatient",
            "inpatient", "adjust", "adjustment", "titration", "control", "prevention", "prophylaxis", "protection",
            "optimization", "optimize", "goal", "goals", "target", "management", "treat", "treatment", "side",
            "effects", "effect", "toxicity", "adherence", "compliance", "education", "counseling", "strict",
            "intake", "output", "fluids", "telemetry", "cardiac", "monitoring", "appropriate", "indicated",
            "necessary", "needed", "tolerated", "response", "use", "using", "when", "if", "trial", "risk",
            "benefit", "benefits", "risks", "possible", "potential", "history", "today", "tomorrow", "morning",
            "am", "repeat", "recheck", "check", "hours", "days", "week", "weeks", "soon", "promptly", "urgently",
            "avoid", "contraindicated", "alternative", "alternatives", "agent", "agents", "class", "classes",
            "stroke", "rate", "rhythm", "cardiology", "nephrology", "endocrinology", "pulmonology",
            "gastroenterology", "neurology", "oncology", "hematology", "infectious", "disease", "diseases",
            "surgery", "surgical", "pharmacy", "pharmacist", "nutrition", "dietitian", "dietary", "physical",
            "occupational", "palliative", "care", "team", "specialist", "social", "wound", "services", "service",
            "consult", "consultation", "evaluation", "assessment", "reassessment", "review", "allergy",
            "allergies", "allergic", "anticoagulation", "reconciliation", "bleeding", "signs", "symptoms",
            "chloride", "sulfate", "sulphate", "oxide", "gluconate", "carbonate", "ecg", "ekg", "electrocardiogram",
            "liver", "enzymes", "lfts", "function", "levels", "level", "count", "counts", "dose", "dosing", "doses");

    /** Words that make a statement about a family member (with {@link io.chartbrief.summary.verify.evidence.RelativeWords}). */
    public static final Set<String> FAMILY = Set.of("family", "fh", "fhx", "familial");

    /** Words that state the patient's sex, checked against Patient.gender. */
    public static final Map<String, String> SEX = Map.ofEntries(Map.entry("male", "male"), Map.entry("man", "male"),
            Map.entry("gentleman", "male"), Map.entry("boy", "male"),
            Map.entry("female", "female"), Map.entry("woman", "female"), Map.entry("lady", "female"),
            Map.entry("girl", "female"));

    /** Interpretation codes written as flags after a value ("(H; ref 3.5-5.1)"). */
    public static final Map<String, String> FLAG = Map.of("h", "high", "hh", "high", "hu", "high", "l", "low",
            "ll", "low", "lu", "low", "n", "normal", "a", "abnormal", "aa", "abnormal");
    /** Interpretation flags that state no direction of the value (better, worse, significant change up/down). */
    public static final Set<String> FLAG_CHANGE = Set.of("b", "w", "u", "d");

    private Cues() {
    }

    /** Whether a word is a cue of negation, status, direction, trend, uncertainty or experiencer. */
    public static boolean isCue(String word) {
        return NEGATION.contains(word) || STATUS.containsKey(word) || DIRECTION.containsKey(word)
                || TREND.containsKey(word) || UNCERTAINTY.contains(word) || FAMILY.contains(word)
                || io.chartbrief.summary.verify.evidence.RelativeWords.WORDS.contains(word);
    }
}
