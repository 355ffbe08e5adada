import Testing

@testable import CivicGuard

@Suite("Globs")
struct GlobTests {
    @Test(arguments: [
        ("*.yaml", "a/b/replies.yaml", true), ("*.yaml", "a/b/replies.json", false),
        ("templates/**/*.md", "templates/nl/x/y.md", true), ("templates/**/*.md", "templates/y.md", true),
        ("templates/*.md", "templates/nl/y.md", false), ("./docs/?.txt", "docs/a.txt", true),
        ("**/drafts/**", "a/drafts/b/c.yaml", true),
    ])
    func matches(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }
}
