/// The built-in replacement labels of each entity, in Dutch, English, German and French.
public enum EntityLabels {
    static let labels: [String: [String: String]] = [
        "EMAIL": ["nl": "[e-mailadres]", "en": "[email address]", "de": "[E-Mail-Adresse]", "fr": "[adresse e-mail]"],
        "PHONE": [
            "nl": "[telefoonnummer]", "en": "[phone number]", "de": "[Telefonnummer]", "fr": "[numéro de téléphone]",
        ],
        "IBAN": ["nl": "[IBAN]", "en": "[IBAN]", "de": "[IBAN]", "fr": "[IBAN]"],
        "CREDIT_CARD": [
            "nl": "[betaalkaart]", "en": "[card number]", "de": "[Kartennummer]", "fr": "[numéro de carte]",
        ],
        "NL_BSN": ["nl": "[BSN]", "en": "[BSN]", "de": "[BSN]", "fr": "[BSN]"],
        "POSTCODE_NL": ["nl": "[postcode]", "en": "[postcode]", "de": "[Postleitzahl]", "fr": "[code postal]"],
        "STREET_ADDRESS": ["nl": "[adres]", "en": "[address]", "de": "[Adresse]", "fr": "[adresse]"],
        "IP_ADDRESS": ["nl": "[IP-adres]", "en": "[IP address]", "de": "[IP-Adresse]", "fr": "[adresse IP]"],
        "DATE_OF_BIRTH": [
            "nl": "[geboortedatum]", "en": "[date of birth]", "de": "[Geburtsdatum]", "fr": "[date de naissance]",
        ],
        "PERSON": ["nl": "[naam]", "en": "[name]", "de": "[Name]", "fr": "[nom]"],
        "LICENSE_PLATE_NL": ["nl": "[kenteken]", "en": "[licence plate]", "de": "[Kennzeichen]", "fr": "[plaque]"],
        "URL_PERSONAL": ["nl": "[link]", "en": "[link]", "de": "[Link]", "fr": "[lien]"],
        "BE_NATIONAL_NUMBER": [
            "nl": "[rijksregisternummer]", "en": "[national number]", "de": "[Nationalregisternummer]",
            "fr": "[numéro national]",
        ],
        "DE_TAX_ID": ["nl": "[Steuer-ID]", "en": "[tax ID]", "de": "[Steuer-ID]", "fr": "[numéro fiscal]"],
        "UK_NINO": ["nl": "[NI-nummer]", "en": "[NI number]", "de": "[NI-Nummer]", "fr": "[numéro NI]"],
        "UK_NHS_NUMBER": ["nl": "[NHS-nummer]", "en": "[NHS number]", "de": "[NHS-Nummer]", "fr": "[numéro NHS]"],
        "FR_NIR": [
            "nl": "[NIR]", "en": "[social security number]", "de": "[Sozialversicherungsnummer]", "fr": "[NIR]",
        ],
    ]

    /// The label of `entity` in `language`, falling back to English, then to `[ENTITY]`; `[verwijderd]`-style
    /// labels for findings without an entity.
    public static func label(for entity: String?, language: String) -> String {
        guard let entity else {
            return ["nl": "[verwijderd]", "de": "[entfernt]", "fr": "[supprimé]"][language] ?? "[removed]"
        }
        return labels[entity]?[language] ?? labels[entity]?["en"] ?? "[\(entity)]"
    }
}
