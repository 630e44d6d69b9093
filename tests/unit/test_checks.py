from extractors.checks import check_budget, check_scores


def score(name, level1, max_score, value, subtotal=False, rate=None):
    return {"name": name, "level1": level1, "max_score": max_score, "score": value,
            "is_subtotal": subtotal, "score_rate": rate}


def test_subtotal_against_items_and_total():
    rows = [score("决策", "决策", 20, 17.5, True), score("a", "决策", 10, 9), score("b", "决策", 10, 8)]
    warnings = check_scores(rows, total_score=17.5)
    assert [(w.code, w.message) for w in warnings] == [
        ("subtotal_mismatch", "scores: 决策 score 17.5 differs from the sum of its 2 items (17)")]
    assert [(w.code, w.message) for w in check_scores(rows, total_score=20)] == [
        ("subtotal_mismatch", "scores: 决策 score 17.5 differs from the sum of its 2 items (17)"),
        ("total_score_mismatch", "scores: level-1 subtotals add up to 17.5, total_score is 20")]
    assert {w.stage for w in warnings} == {"checks"}


def test_score_above_max_and_rate_mismatch():
    warnings = check_scores([score("a", None, 2, 3, rate=150.0), score("b", None, 2, 1, rate=80.0)], None)
    assert [w.code for w in warnings] == ["score_above_max", "score_rate_mismatch"]
    assert "above its maximum" in warnings[0].message and "rate 80.0%" in warnings[1].message


def test_execution_rate_against_spending():
    assert check_budget({"execution_rate": 99.6, "expenditure_wan": 1930.75, "budget_final_wan": 1937}) == []
    (warning,) = check_budget({"execution_rate": 99.66, "expenditure_wan": 511500.0, "budget_final_wan": 568300.0})
    assert (warning.code, warning.message) == (
        "execution_rate_mismatch", "execution_rate: stated 99.66% but expenditure 511500.0 ÷ budget 568300.0 gives 90.01%")
