"""People's positions: what the lab's dataset holds is what the captures state, and a position says whether it
lasts without anyone inventing an end date."""

import re
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ValidationError

from people.factories import PeopleIndexPageFactory, PersonPageFactory
from people.models import PersonPosition

LAB = Path(__file__).resolve().parents[2] / "content" / "lab"
CAPTURES = " ".join(path.read_text() for path in (LAB / "captures").glob("*.txt"))


def words(text):
    return re.sub(r"\s+", " ", text).strip()


def test_every_position_in_the_dataset_is_stated_by_a_capture():
    people = yaml.safe_load((LAB / "people.yaml").read_text())
    stated = words(CAPTURES)
    positions = [(person, position) for person in people for position in person.get("positions", [])]
    assert len(positions) == 10
    for person, position in positions:
        assert position["start"] is None and position["end"] is None  # no capture dates a position
        for text in filter(None, (position["title"], position["organisation"])):
            assert text in stated, (person["slug"], text)
        if position["organisation"] and person["status"] == "alumni":
            # An alumnus's next move is stated beside their name: "Zhijian Liu: assistant professor at UCSD".
            assert re.search(rf"{person['name']}( \(postdoc\))?: [^,]*{position['organisation']}", stated)


def test_a_lab_position_ends_with_the_lab_and_a_placement_lasts(site_tree):
    team = PeopleIndexPageFactory(parent=site_tree["home"])
    alumnus = PersonPageFactory(parent=team, title="Ji Lin", slug="ji-lin", role="phd", status="alumni")
    member = PersonPageFactory(parent=team, title="Member", slug="member", role="phd", status="current")
    assert not PersonPosition(page=alumnus, role="phd").current
    assert PersonPosition(page=alumnus, organisation="OpenAI").current
    assert PersonPosition(page=member, role="phd").current


def test_a_placement_may_name_only_its_organisation(site_tree):
    person = PersonPageFactory(parent=PeopleIndexPageFactory(parent=site_tree["home"]), title="X", slug="x")
    PersonPosition(page=person, organisation="NVIDIA Research").clean()
    with pytest.raises(ValidationError, match=r"Choose a role, or type a title or an organisation\."):
        PersonPosition(page=person).clean()
