#!/usr/bin/env python3
"""cbscore-server in a real browser: headless Chromium driven through WebDriver (Selenium).

Against a server started with `cbscore-server demo` (its logins), as the people it is for:
an officer signs in, uploads a tender and its bids (one of them refused first, with its line
shown), ranks them, reads a bid's explanation and awards the best; a supplier uploads a return
with an error, sees it by line, then uploads it fixed; a contract manager sees the RAG of every
contract, what is overdue first. JavaScript is switched off: the pages must work without it.

Usage: walkthrough.py BASE_URL FIXTURES_DIR [SCREENSHOT_DIR]. Exits non-zero on the first
thing that is not as expected, naming it.
"""
import os
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE, FIXTURES = sys.argv[1].rstrip("/"), sys.argv[2]
SHOTS = sys.argv[3] if len(sys.argv) > 3 else None
WORK = tempfile.mkdtemp(prefix="cbscore-browser-")


def fixture(path):
    with open(os.path.join(FIXTURES, path), encoding="utf-8") as f:
        return f.read()


def written(name, text):
    path = os.path.join(WORK, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def expect(condition, what):
    if not condition:
        raise AssertionError(what)


options = webdriver.ChromeOptions()
options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,1600",
                 "--disable-gpu", "--no-first-run", "--disable-extensions"):
    options.add_argument(argument)
# The pages must work with JavaScript switched off.
options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
driver = webdriver.Chrome(service=Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")),
                          options=options)
driver.set_page_load_timeout(60)


def shot(name):
    if SHOTS:
        driver.save_screenshot(os.path.join(SHOTS, name + ".png"))


def gone(element):
    """True once `element`'s document has been replaced. Chromedriver says so either as a
    stale element or, while the next page is still arriving, as "Node with given id does not
    belong to the document": both mean the old page is gone (Selenium's staleness_of takes only
    the first, which made the walkthrough fail now and then under load)."""
    def check(_):
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True
    return check


def click_and_wait(element):
    """Clicks a link or a submit button and waits for the next page to replace this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 60).until(gone(page))
    WebDriverWait(driver, 60, ignored_exceptions=(WebDriverException,)).until(
        expected_conditions.presence_of_element_located((By.TAG_NAME, "body")))


def set_date(field_id, iso):
    """Types a date into a date field as a person would, in whatever order the browser's
    locale shows (month first, day first or year first), and checks the value it took."""
    year, month, day = iso.split("-")
    element = driver.find_element(By.ID, field_id)
    for keys in (month + day + year, day + month + year, year + month + day):
        element.clear()
        element.send_keys(keys)
        if element.get_property("value") == iso:
            return
    raise AssertionError("the date field %s would not take %s" % (field_id, iso))


def text():
    return driver.find_element(By.TAG_NAME, "body").text


def sign_in(email, password):
    driver.get(BASE + "/sign-in")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    click_and_wait(driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    expect(email in text(), "signed in as " + email)


def sign_out():
    click_and_wait(driver.find_element(By.XPATH, "//header//button[normalize-space()='Sign out']"))
    expect(driver.current_url.endswith("/sign-in"), "signed out")


def upload(form_action, field_id, path):
    form = driver.find_element(By.CSS_SELECTOR, "form[action='%s']" % form_action)
    form.find_element(By.ID, field_id).send_keys(path)
    click_and_wait(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))


try:
    # An officer: sign in, upload, rank, explanation, award.
    driver.get(BASE + "/tenders")
    expect("/sign-in" in driver.current_url, "a page asks for sign-in first")
    shot("01-sign-in")
    sign_in("officer@demo.cbscore.test", "demo-officer-2026")
    expect(driver.find_element(By.TAG_NAME, "h1").text == "Tenders", "the officer lands on the tenders")
    tender = fixture("gcr-2026-014/tender.xml").replace('id="GCR-2026-014"', 'id="GCR-2026-099"')
    upload("/tenders", "tender-file", written("tender-099.xml", tender))
    expect("/tenders/GCR-2026-099" in driver.current_url, "the tender page after upload")
    bad = fixture("invalid/fte-out-of-range.xml").replace('tender="GCR-2026-014"', 'tender="GCR-2026-099"')
    upload("/tenders/GCR-2026-099/bids", "bid-file", written("B-099-bad.xml", bad))
    body = text()
    expect("Refused" in body and "B-099-bad.xml:" in body and "^" in body, "a refused bid is shown with file, line and a caret")
    shot("02-bid-refused")
    for bid in ("B-014-01", "B-014-03", "B-014-04"):
        doc = fixture("gcr-2026-014/bids/%s.xml" % bid).replace('tender="GCR-2026-014"', 'tender="GCR-2026-099"')
        upload("/tenders/GCR-2026-099/bids", "bid-file", written(bid + ".xml", doc))
        expect("Stored 1 bid" in text(), "bid %s stored" % bid)
    shot("03-tender")
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/tenders/GCR-2026-099/rankings']")
    scheme = Select(form.find_element(By.ID, "scheme"))
    expect(scheme.first_selected_option.text.startswith("GCR community benefits"), "the reference scheme is chosen by default")
    click_and_wait(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    expect("/rankings/R-" in driver.current_url, "the ranking page")
    rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")]
    expect(rows and rows[0].startswith("1 B-014-01"), "B-014-01 ranks first: %r" % rows[:1])
    expect(any("B-014-04" in r and "excluded" in r for r in rows), "B-014-04 is excluded at a gate")
    ranking_url = driver.current_url
    shot("04-ranking")
    click_and_wait(driver.find_element(By.XPATH, "//tr[td[normalize-space()='B-014-03']]//a"))
    expect("Explanation of bid B-014-03" in text() and "Score lines" in text(), "the explanation of B-014-03")
    shot("05-explanation")
    driver.get(ranking_url)
    Select(driver.find_element(By.ID, "award-bid")).select_by_value("B-014-01")
    driver.find_element(By.ID, "contract").send_keys("C-2026-0991")
    set_date("start", "2026-05-01")
    set_date("end", "2028-04-30")
    click_and_wait(driver.find_element(By.CSS_SELECTOR, "form[action$='/award'] button[type=submit]"))
    expect(driver.current_url.endswith("/contracts/C-2026-0991"), "the new contract's page: " + driver.current_url)
    expect("Springburn Property Services Ltd" in text(), "awarded to B-014-01's bidder")
    shot("06-awarded")
    sign_out()

    # A supplier: its contracts only, a return with an error, then without.
    sign_in("supplier@demo.cbscore.test", "demo-supplier-2026")
    expect("Your contracts" in text() and "Returns you owe" in text(), "the supplier's page leads with what it owes")
    expect("C-2026-0141" not in text(), "another supplier's contract is not shown")
    click_and_wait(driver.find_element(By.LINK_TEXT, "C-2026-0311"))
    good = fixture("monitoring/return-2027-Q2.xml")
    bad = good.replace('fte="1.0"', 'fte="1.5"', 1)
    upload("/contracts/C-2026-0311/returns", "return-file", written("return-2027-Q2.xml", bad))
    body = text()
    expect("Refused" in body and "return-2027-Q2.xml:5:" in body, "the return's error is shown at its line: " + body[:400])
    shot("07-return-refused")
    upload("/contracts/C-2026-0311/returns", "return-file", written("return-2027-Q2.xml", good))
    expect("stored return C-2026-0311 2027-Q2" in text(), "the fixed return is stored")
    shot("08-return-stored")
    sign_out()

    # A contract manager: RAG at a glance, overdue first.
    sign_in("manager@demo.cbscore.test", "demo-manager-2026")
    body = text()
    expect(body.index("Returns overdue and due") < body.index("Every contract at a glance"), "overdue first")
    badges = driver.find_elements(By.CSS_SELECTOR, "span.rag")
    expect(any(b.text in ("green", "amber", "red", "not yet due") for b in badges), "RAG statuses shown")
    expect("C-2026-0991" in body and "C-2026-0311" in body, "every contract listed")
    shot("09-contracts-rag")
    click_and_wait(driver.find_element(By.LINK_TEXT, "C-2026-0311"))
    expect("Delivered against expected" in text() or "Progress" in text(), "the contract's progress")
    shot("10-contract")
    # Keyboard: the skip link is the first thing a Tab reaches.
    driver.find_element(By.TAG_NAME, "body").send_keys("\t")
    active = driver.switch_to.active_element
    expect(active.get_attribute("class") == "skip", "Tab reaches the skip link first")
    print("browser walkthrough: all steps passed")
except Exception as error:  # noqa: BLE001 - any failure fails the walkthrough, with a screenshot
    shot("failure")
    print("browser walkthrough failed: %s (at %s)" % (error, driver.current_url), file=sys.stderr)
    sys.exit(1)
finally:
    driver.quit()
