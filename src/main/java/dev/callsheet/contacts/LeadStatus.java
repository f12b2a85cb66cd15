package dev.callsheet.contacts;

/** Where a lead stands with us. */
public enum LeadStatus {
    NEW, WORKING, QUALIFIED, NURTURE, CUSTOMER, DO_NOT_CONTACT
}
