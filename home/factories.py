import wagtail_factories

from .models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "MIT HAN Lab"
    slug = "home"
    lab_name = "MIT HAN Lab"
    tagline = "Efficient AI computing"
    about = "<p>The lab works on efficient deep learning.</p>"

    class Meta:
        model = HomePage
