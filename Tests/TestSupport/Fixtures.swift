import Catalogue
import KnowledgeBase
import LogRules
import RuleMatching

/// The catalogue the tests read, and its rules compiled once for every test of a target.
public let catalogue = Catalogue.applinks
/// The rule set `lookup` applies, compiled from ``catalogue``.
public let ruleSet = RuleSet(catalogue: catalogue)
/// ``ruleSet`` compiled for the scan's engine, PCRE2 with its JIT.
public let matcher = try! RuleMatcher(ruleSet)
/// ``ruleSet`` compiled for the reference engine, ICU.
public let referenceMatcher = try! RuleMatcher(ruleSet, engine: .reference)
