def home(r):
    pass


def story_detail(r, slug):
    pass


def tag_archive(r, slug):
    pass
