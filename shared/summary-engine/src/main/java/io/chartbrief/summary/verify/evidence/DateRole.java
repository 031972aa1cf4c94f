package io.chartbrief.summary.verify.evidence;

/** What a date of a resource means; a stated date must match a date of the role its wording gives it. */
public enum DateRole {
    /** Condition/allergy onset. */
    ONSET,
    /** Condition abatement (resolved). */
    ABATEMENT,
    /** recordedDate / asserted. */
    RECORDED,
    /** MedicationRequest.authoredOn (ordered, prescribed, started). */
    AUTHORED,
    /** Observation/report effective (when the specimen was taken or the finding made); note date; statement effective. */
    EFFECTIVE,
    /** Observation/report issued (when the result was released). */
    ISSUED,
    /** Encounter/period start (admitted), medication period start. */
    START,
    /** Encounter/period end (discharged), medication period end. */
    END,
    /** Procedure performed. */
    PERFORMED,
    /** A date an observation states as its value ("Discharge date 2022-09-08"). */
    VALUE,
    /** Patient birth date. */
    BIRTH
}
