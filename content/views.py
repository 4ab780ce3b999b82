from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


@login_not_required
def home(request):
    return render(request, "content/home.html")


@login_not_required
def accessibility(request):
    return render(request, "content/accessibility.html")
