import Testing

@testable import CivicGuard

@Suite("Organisation: the municipality's own contact details are not personal data")
struct OrganisationTests {
    static let organisation: Organisation = {
        var organisation = Organisation()
        organisation.emails = ["info@voorbeeld.nl"]
        organisation.phones = Set(["14 0123", "0123 456 789"].map(Organisation.phoneKey))
        organisation.websites = ["voorbeeld.nl", "facebook.com/gemeentevoorbeeld"].map(Organisation.urlKey)
        organisation.addresses = ["Raadhuisplein 1, 1234 AB Voorbeeld"].map(Organisation.addressKey)
        return organisation
    }()

    @Test(arguments: [
        ("06-12345678", "0612345678"), ("+31 6 1234 5678", "0612345678"), ("+31 (0)6 1234 5678", "0612345678"),
        ("0031 6 12345678", "0612345678"), ("(0123) 456 789", "0123456789"), ("31 12 34", "311234"),
    ])
    func phoneKeys(written: String, key: String) {
        #expect(Organisation.phoneKey(written) == key)
    }

    @Test(arguments: [
        ("EMAIL", "INFO@voorbeeld.nl", true), ("EMAIL", "jan@voorbeeld.nl", false),
        ("PHONE", "+31 123 456 789", true), ("PHONE", "140123", true), ("PHONE", "06 12345678", false),
        ("URL_PERSONAL", "https://www.voorbeeld.nl/afval", true), ("URL_PERSONAL", "voorbeeld.nl/zoek?q=jan", false),
        ("URL_PERSONAL", "facebook.com/jan.jansen", false), ("STREET_ADDRESS", "raadhuisplein 1", true),
        ("POSTCODE_NL", "1234AB", false), ("STREET_ADDRESS", "Kerkstraat 12", false), ("NL_BSN", "111222333", false),
    ])
    func ownContacts(entity: String, value: String, own: Bool) {
        #expect(Self.organisation.isOwnContact(entity: entity, value: value) == own)
    }

    /// `declaresContacts` may only say no where `isOwnContact` says no to every value.
    @Test func declaresContactsOnlyForKindsItLists() {
        var phonesOnly = Organisation()
        phonesOnly.phones = [Organisation.phoneKey("14 0123")]
        #expect(phonesOnly.declaresContacts(of: "PHONE"))
        #expect(phonesOnly.isOwnContact(entity: "PHONE", value: "140123"))
        for entity in ["EMAIL", "URL_PERSONAL", "STREET_ADDRESS", "POSTCODE_NL", "NL_BSN", "PERSON"] {
            #expect(!phonesOnly.declaresContacts(of: entity))
        }
        for entity in ["EMAIL", "PHONE", "URL_PERSONAL", "STREET_ADDRESS", "POSTCODE_NL"] {
            #expect(Self.organisation.declaresContacts(of: entity))
        }
        #expect(!Self.organisation.declaresContacts(of: "IBAN"))
    }

    @Test(arguments: [
        ("Raadhuisplein 1, 1234 AB Voorbeeld", "raadhuisplein11234abvoorbeeld"),
        ("ÉÉNDRACHTSWEG 5-II", "ééndrachtsweg5ii"),
        ("Straße 3 · Köln", "straße3köln"), ("Łódzka 12", "łódzka12"), ("  ", ""),
    ])
    func addressKeys(written: String, key: String) {
        #expect(Organisation.addressKey(written) == key)
    }
}
