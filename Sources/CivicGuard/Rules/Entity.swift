/// The kinds of personal data a rule can recognise: the closed list a rule's `entity:` is checked against, so a
/// misspelt `PHONNE` stops the load instead of making findings the policy's entity map never matches.
public enum Entity: String, CaseIterable, Sendable {
    case email = "EMAIL"
    case phone = "PHONE"
    case iban = "IBAN"
    case creditCard = "CREDIT_CARD"
    case bsn = "NL_BSN"
    case postcode = "POSTCODE_NL"
    case streetAddress = "STREET_ADDRESS"
    case ipAddress = "IP_ADDRESS"
    case dateOfBirth = "DATE_OF_BIRTH"
    case person = "PERSON"
    case licencePlate = "LICENSE_PLATE_NL"
    case personalURL = "URL_PERSONAL"
    case belgianNationalNumber = "BE_NATIONAL_NUMBER"
    case germanTaxID = "DE_TAX_ID"
    case nationalInsuranceNumber = "UK_NINO"
    case nhsNumber = "UK_NHS_NUMBER"
    case frenchNIR = "FR_NIR"
}
